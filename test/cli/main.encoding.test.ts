/**
 * Foreign encodings through the CLI. The portal takes UTF-8 (RFC 8259 §8.1: JSON
 * exchanged between systems is UTF-8; the portal does not publish the encoding it accepts, so S12/encoding is
 * modelled: docs/rules.md#s12): a Latin-1 or UTF-16 file is checked as decoded and gets one S12/encoding
 * finding; `--fix` never rewrites it unless `--fix-encoding` asks for the conversion, and never changes a byte it
 * did not mean to change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 20000, killSignal: 'SIGKILL' });

/** The example solde (« Haute-Comté » holds an « é »), with one safe fix to make: a trailing space (S8/value). */
const example = readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8');
const withSpace = example.replace('"Centre hospitalier de Fleyriat"', '"Centre hospitalier de Fleyriat "');
const tmp = (name: string, bytes: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'segur-enc-')), name);
  writeFileSync(file, bytes);
  return file;
};
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
type Out = {
  file: string;
  segur: boolean;
  sons: string | null;
  kind: string | null;
  fixed?: { code: string; count: number }[];
  diagnostics: { code: string; severity: string; message: string; provenance?: { kind: string }; range: { start: { line: number; character: number } } }[];
};
/**
 * The files as the CLI reports them, less C8's information: the example solde is checked alone, with no avance to
 * compare it with, which C8 says at the top of the file; these tests are about the encoding.
 */
const json = (stdout: string) => (JSON.parse(stdout) as Out[]).map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.code !== 'C8/no-avance') }));

test('the example has what the reproductions need (an « é », a safe fix, LF, no BOM)', () => {
  assert.ok(example.includes('é') && withSpace !== example && !example.includes('\r') && example.charCodeAt(0) !== 0xfeff);
});

test('Why 2: --fix on a Latin-1 file refuses to rewrite it (no U+FFFD), names the file, still reports, exit 1', () => {
  const original = Buffer.from(withSpace, 'latin1');
  const file = tmp('IMG-RIS-Va2-solde.json', original);
  const r = run('check', '--fix', '--format', 'json', file);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(readFileSync(file), original, 'the file is left untouched, byte for byte');
  assert.match(r.stderr, /IMG-RIS-Va2-solde\.json/);
  assert.match(r.stderr, /le fichier n'est pas en UTF-8 \(ISO-8859-1 \?\) : le JSON échangé s'écrit en UTF-8 \(RFC 8259\)/);
  assert.match(r.stderr, /--fix-encoding/);
  const [f] = json(r.stdout);
  assert.equal(f.sons, 'IMG-RIS-Va2');
  assert.equal(f.fixed, undefined);
  // One encoding finding at the start, and the content checked as decoded (the trailing space is still found).
  assert.deepEqual(
    f.diagnostics.filter((d) => d.severity !== 'hint').map((d) => d.code),
    ['S12/encoding', 'S8/value'],
  );
  // Modelled (RFC 8259, no source about the portal): a warning; the exit 1 comes from the trailing space.
  assert.equal(f.diagnostics[0].severity, 'warning');
  assert.deepEqual(f.diagnostics[0].provenance, { kind: 'model' });
  assert.match(f.diagnostics[0].message, /RFC 8259\) ; l'encodage accepté par le portail n'est pas publié/);
  assert.deepEqual(f.diagnostics[0].range.start, { line: 0, character: 0 });
  assert.match(f.diagnostics[0].message, /ISO-8859-1/);
});

test('--fix-encoding converts a Latin-1 file to UTF-8 and says so; every other byte is the one meant', () => {
  const file = tmp('IMG-RIS-Va2-solde.json', Buffer.from(withSpace, 'latin1'));
  const r = run('check', '--fix', '--fix-encoding', '--format', 'json', file);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(readFileSync(file), Buffer.from(example, 'utf8'), 'UTF-8, trailing space removed, « é » kept');
  const [f] = json(r.stdout);
  assert.deepEqual(f.fixed?.map((x) => x.code).sort(), ['S12/encoding', 'S8/value']);
  assert.deepEqual(
    f.diagnostics.filter((d) => d.severity !== 'hint'),
    [],
  );
  const text = run('check', '--fix-encoding', file);
  assert.equal(text.status, 0, 'a UTF-8 file: nothing to convert');
  // In the text format, the conversion is said in words.
  const again = tmp('IMG-RIS-Va2-solde.json', Buffer.from(example, 'latin1'));
  const said = run('check', '--fix-encoding', again);
  assert.equal(said.status, 0, said.stdout);
  assert.match(said.stdout, /corrigé : S12\/encoding × 1/);
  assert.match(said.stderr, /IMG-RIS-Va2-solde\.json : converti en UTF-8 \(ISO-8859-1\) \/ converted to UTF-8 \(from ISO-8859-1\)/);
  assert.deepEqual(readFileSync(again), Buffer.from(example, 'utf8'));
});

test('--fix-encoding alone (without --fix) converts without applying other fixes', () => {
  const file = tmp('IMG-RIS-Va2-solde.json', Buffer.from(withSpace, 'latin1'));
  const r = run('check', '--fix-encoding', '--format', 'json', file);
  assert.equal(r.status, 1, 'the trailing space is still an error');
  assert.deepEqual(readFileSync(file), Buffer.from(withSpace, 'utf8'));
  assert.deepEqual(json(r.stdout)[0].fixed, [{ code: 'S12/encoding', count: 1 }]);
});

test('Why 2: a UTF-16 file (LE or BE, with or without BOM) is a Ségur file, checked as decoded, with S12/encoding', () => {
  const cases: [string, Buffer, RegExp][] = [
    ['utf-16le-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(example, 'utf16le')]), /UTF-16LE/],
    ['utf-16be-bom', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(example)]), /UTF-16BE/],
    ['utf-16le', Buffer.from(example, 'utf16le'), /UTF-16LE/],
    ['utf-16be', utf16be(example), /UTF-16BE/],
  ];
  for (const [name, bytes, label] of cases) {
    const file = tmp('IMG-RIS-Va2-solde.json', bytes);
    const r = run('check', '--format', 'json', file);
    // Only the encoding finding, a modelled warning: exit 0 (`--modelled error` makes it 1, below).
    assert.equal(r.status, 0, name);
    const [f] = json(r.stdout);
    assert.equal(f.segur, true, name);
    assert.equal(f.sons, 'IMG-RIS-Va2', name);
    assert.deepEqual(
      f.diagnostics.filter((d) => d.severity !== 'hint').map((d) => d.code),
      ['S12/encoding'],
      name,
    );
    assert.match(f.diagnostics[0].message, label);
    assert.equal(run('check', '--modelled', 'error', file).status, 1, `${name}: --modelled error keeps the rule's severity`);
    // --fix refuses, --fix-encoding converts to UTF-8 (without BOM): exactly the example.
    assert.equal(run('check', '--fix', file).status, 0, `${name}: a modelled warning only`);
    assert.deepEqual(readFileSync(file), bytes, `${name}: untouched by --fix`);
    assert.equal(run('check', '--fix', '--fix-encoding', file).status, 0, name);
    assert.deepEqual(readFileSync(file), Buffer.from(example, 'utf8'), name);
  }
});

test('a UTF-16 file that does not decode losslessly is never converted', () => {
  // A lone surrogate (0xD800) in the middle: the decoder would write U+FFFD.
  const bytes = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(withSpace.slice(0, 200), 'utf16le'),
    Buffer.from([0x00, 0xd8]),
    Buffer.from(withSpace.slice(200), 'utf16le'),
  ]);
  const file = tmp('IMG-RIS-Va2-solde.json', bytes);
  const r = run('check', '--fix', '--fix-encoding', file);
  assert.equal(r.status, 1);
  assert.deepEqual(readFileSync(file), bytes);
  assert.match(r.stderr, /IMG-RIS-Va2-solde\.json/);
  assert.match(r.stderr, /sans perte|losslessly/);
});

test('UTF-8 with BOM and CRLF: --fix changes only what it reports (the BOM by S12/bom, the space by S8), CRLF stays', () => {
  const crlf = withSpace.replace(/\n/g, '\r\n');
  const file = tmp('IMG-RIS-Va2-solde.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]));
  const r = run('check', '--fix', '--format', 'json', file);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(
    json(r.stdout)[0]
      .fixed?.map((x) => x.code)
      .sort(),
    ['S12/bom', 'S8/value'],
  );
  assert.deepEqual(readFileSync(file), Buffer.from(example.replace(/\n/g, '\r\n'), 'utf8'));
  // UTF-8 with a BOM is UTF-8: no encoding message; only the file written, as it is written.
  assert.equal(
    r.stderr,
    `segur-json: ${relative(root, file)} : corrigé et écrit (S12/bom × 1, S8/value × 1) / fixed and written (S12/bom × 1, S8/value × 1)\n`,
  );
});

test('UTF-8 with BOM: no S12/encoding (the BOM is S12/bom, as before); a non-Ségur Latin-1 file gets nothing', () => {
  const file = tmp('IMG-RIS-Va2-solde.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(example, 'utf8')]));
  const [f] = json(run('check', '--format', 'json', file).stdout);
  assert.deepEqual(
    f.diagnostics.filter((d) => d.severity !== 'hint').map((d) => d.code),
    ['S12/bom'],
  );
  const other = tmp('notes.json', Buffer.from('{"titre": "Réunion"}', 'latin1'));
  const r = run('check', '--fix', '--format', 'json', other);
  assert.equal(r.status, 0);
  assert.deepEqual(json(r.stdout)[0].diagnostics, []);
  assert.deepEqual(readFileSync(other), Buffer.from('{"titre": "Réunion"}', 'latin1'));
});

test('Windows-1252 is named when its 0x80–0x9F letters are used; --lang en', () => {
  const text = withSpace.replace('Centre hospitalier de Fleyriat ', 'Centre hospitalier de Fleyriat \u2013 site B '); // en dash: 0x96 in Windows-1252
  const bytes = Buffer.from(text.replace('\u2013', '\u0096'), 'latin1');
  const file = tmp('IMG-RIS-Va2-solde.json', bytes);
  const r = run('check', '--fix', '--lang', 'en', '--format', 'json', file);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /the file is not UTF-8 \(Windows-1252\?\): exchanged JSON is written in UTF-8 \(RFC 8259\)/);
  const [f] = json(r.stdout);
  assert.match(f.diagnostics[0].message, /Windows-1252/);
  assert.deepEqual(readFileSync(file), bytes);
  assert.equal(run('check', '--fix-encoding', file).status, 1, 'converted, the trailing space is still there');
  assert.equal(readFileSync(file, 'utf8'), text, 'the en dash is written as U+2013 in UTF-8');
});

test('--help tells --fix-encoding', () => {
  const r = run('--help');
  assert.match(r.stdout, /--fix-encoding +convertit en UTF-8/);
  assert.match(r.stdout, /--fix .*n'est pas\s+en UTF-8 n'est pas réécrit/s);
});
