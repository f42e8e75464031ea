/**
 * The pure decoder (engine/syntax/decode.ts) and the S12/encoding finding it leads to. The portal takes
 * UTF-8 (RFC 8259 §8.1; modelled, json-formats.md §5 open question 9).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes, encodeUtf8, isUtf8 } from '../../../server/src/engine/syntax/decode.ts';
import { check } from '../../../server/src/segur.ts';

const root = join(__dirname, '..', '..', '..');
const example = readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8');
const be16 = (s: string) => Buffer.from(s, 'utf16le').swap16();
const utf32 = (s: string, le: boolean) => {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const b = [cp & 0xff, (cp >> 8) & 0xff, (cp >> 16) & 0xff, (cp >>> 24) & 0xff];
    out.push(...(le ? b : b.reverse()));
  }
  return Buffer.from(out);
};

test('UTF-8 with or without BOM: the same text, the BOM kept as U+FEFF, written back byte for byte', () => {
  const plain = Buffer.from(example, 'utf8');
  assert.deepEqual(decodeBytes(plain), { text: example, encoding: 'utf-8', lossless: true, guessed: false });
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(example.replace(/\n/g, '\r\n'), 'utf8')]);
  const d = decodeBytes(bom);
  assert.equal(d.encoding, 'utf-8-bom');
  assert.equal(d.text, '\ufeff' + example.replace(/\n/g, '\r\n'));
  assert.deepEqual(Buffer.from(encodeUtf8(d.text)), bom);
  assert.deepEqual(decodeBytes(new Uint8Array()), { text: '', encoding: 'utf-8', lossless: true, guessed: false });
  assert.equal(decodeBytes(Buffer.from('{')).encoding, 'utf-8');
});

test('not UTF-8: ISO-8859-1, or Windows-1252 when its letters of 0x80–0x9F are used; every byte one distinct character', () => {
  const latin = decodeBytes(Buffer.from(example, 'latin1'));
  assert.deepEqual(latin, { text: example, encoding: 'iso-8859-1', lossless: true, guessed: true });
  const cp = decodeBytes(Buffer.from([0x7b, 0x22, 0x80, 0x96, 0x9c, 0xe9, 0x81, 0x22, 0x7d]));
  assert.equal(cp.encoding, 'windows-1252');
  assert.equal(cp.text, '{"€–œé\u0081"}');
  const all = decodeBytes(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  assert.equal(all.encoding, 'windows-1252');
  assert.equal(new Set(all.text).size, 256, 'no two bytes give the same character: the conversion loses nothing');
});

test('UTF-16 LE/BE, with a BOM or by the NUL bytes of the first characters; odd tails and lone surrogates are lossy', () => {
  const s = example + '\u{1F600}';
  assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])), {
    text: s,
    encoding: 'utf-16le',
    lossless: true,
    guessed: false,
  });
  assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be16(s)])), { text: s, encoding: 'utf-16be', lossless: true, guessed: false });
  assert.deepEqual(decodeBytes(Buffer.from(s, 'utf16le')), { text: s, encoding: 'utf-16le', lossless: true, guessed: false });
  assert.deepEqual(decodeBytes(be16(s)), { text: s, encoding: 'utf-16be', lossless: true, guessed: false });
  assert.equal(decodeBytes(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d])).lossless, false, 'odd number of bytes');
  assert.equal(decodeBytes(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x00, 0xd8, 0x7d, 0x00])).lossless, false, 'lone high surrogate');
  assert.equal(decodeBytes(Buffer.from([0xff, 0xfe, 0x00, 0xdc, 0x7d, 0x00])).lossless, false, 'lone low surrogate');
});

test('UTF-32 LE/BE, with a BOM or by the NUL bytes', () => {
  const s = '{"a": "é\u{1F600}"}';
  assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(s, true)])), {
    text: s,
    encoding: 'utf-32le',
    lossless: true,
    guessed: false,
  });
  assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(s, false)])), {
    text: s,
    encoding: 'utf-32be',
    lossless: true,
    guessed: false,
  });
  assert.equal(decodeBytes(utf32(s, true)).encoding, 'utf-32le');
  assert.equal(decodeBytes(utf32(s, false)).encoding, 'utf-32be');
  assert.equal(decodeBytes(Buffer.from([0xff, 0xfe, 0, 0, 0xff, 0xff, 0xff, 0x7f])).lossless, false, 'beyond U+10FFFF');
});

test('random bytes: never throws; when it says UTF-8, the text gives the bytes back', () => {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 2000; i++) {
    const n = Math.floor(rnd() * 40);
    const bytes = Buffer.from(Array.from({ length: n }, () => (rnd() < 0.5 ? 0x20 + Math.floor(rnd() * 0x5f) : Math.floor(rnd() * 256))));
    const d = decodeBytes(bytes);
    if (isUtf8(d.encoding)) assert.deepEqual(Buffer.from(encodeUtf8(d.text)), bytes);
    if (d.encoding === 'iso-8859-1') assert.deepEqual(Buffer.from(d.text, 'latin1'), bytes);
  }
});

test('the engine: one S12/encoding warning (modelled: RFC 8259) at offset 0 when the caller says the bytes were not UTF-8; the content is checked', () => {
  const withSpace = example.replace('"Centre hospitalier de Fleyriat"', '"Centre hospitalier de Fleyriat "');
  const r = check(withSpace, { encoding: 'iso-8859-1' });
  const [e] = r.findings;
  assert.deepEqual(
    { code: e.code, severity: e.severity, offset: e.offset, length: e.length },
    { code: 'S12/encoding', severity: 'warning', offset: 0, length: 1 },
  );
  assert.match(
    e.message.fr,
    /^Le fichier n'est pas en UTF-8 \(ISO-8859-1 \?\) : le JSON échangé s'écrit en UTF-8 \(RFC 8259\) ; l'encodage accepté par le portail n'est pas publié\./,
  );
  assert.match(
    e.message.en,
    /^The file is not UTF-8 \(ISO-8859-1\?\): exchanged JSON is written in UTF-8 \(RFC 8259\); the encoding the portal accepts is not published\./,
  );
  assert.ok(
    r.findings.some((f) => f.code === 'S8/value'),
    'the decoded content is checked',
  );
  assert.match(check(example, { encoding: 'utf-16le' }).findings[0].message.fr, /pas en UTF-8 \(UTF-16LE\) :/);
  for (const encoding of ['utf-8', 'utf-8-bom', undefined] as const)
    assert.ok(!check(example, { encoding }).findings.some((f) => f.code === 'S12/encoding'), String(encoding));
  assert.ok(!check(example, { encoding: 'windows-1252', severities: { 'S12/encoding': 'off' } }).findings.some((f) => f.code === 'S12/encoding'));
  assert.equal(check(example, { encoding: 'windows-1252', severities: { 'S12/encoding': 'warning' } }).findings[0].severity, 'warning');
  assert.deepEqual(check('{"titre": "Réunion"}', { encoding: 'iso-8859-1' }).findings, [], 'not a Ségur file: nothing');
  // Over the size limit too.
  assert.deepEqual(
    check(example, { encoding: 'iso-8859-1', maxBytes: 1000 }).findings.map((f) => f.code),
    ['S12/encoding', 'S9/file-size'],
  );
});
