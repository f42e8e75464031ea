/**
 * io/zipPackage.ts: the ZIP of one request (its entries in the given order, at the fixed time of
 * schemas/attachments.json, the same bytes twice and in any time zone), the read-back that catches a ZIP that does
 * not hold its sources, the ZIP names from the pattern (a clash refused), and the deposit folder that appears whole
 * or not at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { planZips, PackageError, writePackage, zipMismatch, zipOf, zipTime, zipNameOf, type PlannedZip } from '../../server/src/io/zipPackage.ts';
import { ATTACHMENT_LIMITS, type AttachmentName } from '../../server/src/segur.ts';
import { pdfBytes, pngBytes } from '../helpers/deposit';

const root = join(__dirname, '..', '..');

async function entries() {
  return [
    { name: 'IMG-RIS-Va2-VA-RIS-1.pdf', bytes: await pdfBytes(2, 0, 'VA') },
    { name: 'IMG-RIS-Va2-FAC-RIS-1.pdf', bytes: await pdfBytes(1, 0, 'Facture') },
    { name: 'IMG-RIS-Va2-ATT-RIS-1.png', bytes: pngBytes() },
  ];
}

/** A temp folder: `pj/` holding the entries' files, and `solde.json` beside it. */
async function depositOnDisk() {
  const dir = mkdtempSync(join(tmpdir(), 'segur-zippackage-'));
  const folder = join(dir, 'pj');
  mkdirSync(folder);
  const e = await entries();
  for (const x of e) writeFileSync(join(folder, x.name), x.bytes);
  const json = join(dir, 'solde.json');
  writeFileSync(json, '{"x": 1}\n');
  return { dir, folder, e, json };
}

/** The DOS date and time fields of each local header (APPNOTE 4.3.7: offsets 10 and 12). */
function dosTimes(zip: Uint8Array): { date: number; time: number }[] {
  const b = Buffer.from(zip);
  const out = [];
  for (let at = 0; b.readUInt32LE(at) === 0x04034b50;) {
    out.push({ time: b.readUInt16LE(at + 10), date: b.readUInt16LE(at + 12) });
    at += 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28) + b.readUInt32LE(at + 18);
  }
  return out;
}

test('a ZIP holds its entries in the given order, byte for byte, at the fixed time; the same bytes twice', async () => {
  const e = await entries();
  const zip = zipOf(e);
  const back = unzipSync(zip);
  assert.deepEqual(
    Object.keys(back),
    e.map((x) => x.name),
  );
  for (const x of e) assert.ok(Buffer.from(back[x.name]).equals(x.bytes), x.name);
  assert.deepEqual(zipOf(e), zip);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(ATTACHMENT_LIMITS.zip.modifiedAt)!.slice(1).map(Number);
  const date = ((m[0] - 1980) << 9) | (m[1] << 5) | m[2];
  assert.deepEqual(
    dosTimes(zip),
    e.map(() => ({ date, time: (m[3] << 11) | (m[4] << 5) })),
  );
});

test('the same bytes in another time zone (the ZIP time is a wall-clock time)', async () => {
  const e = await entries();
  const script = `
    const { zipOf } = require(${JSON.stringify(join(root, 'server/src/io/zipPackage.ts'))});
    const e = JSON.parse(process.argv[1]).map((x) => ({ name: x.name, bytes: Buffer.from(x.b64, 'base64') }));
    process.stdout.write(Buffer.from(zipOf(e)).toString('base64'));`;
  const arg = JSON.stringify(e.map((x) => ({ name: x.name, b64: Buffer.from(x.bytes).toString('base64') })));
  const zips = ['UTC', 'Pacific/Auckland', 'America/Los_Angeles'].map((TZ) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, arg], { env: { ...process.env, TZ }, encoding: 'utf8', cwd: root });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  });
  assert.equal(zips[1], zips[0]);
  assert.equal(zips[2], zips[0]);
  assert.equal(zips[0], Buffer.from(zipOf(e)).toString('base64'));
  assert.equal(zipTime().getFullYear(), Number(ATTACHMENT_LIMITS.zip.modifiedAt.slice(0, 4)));
});

test('the read-back catches a changed byte, a missing or extra entry, another order, a file that is no ZIP', async () => {
  const e = await entries();
  const zip = zipOf(e);
  assert.equal(zipMismatch(zip, e), undefined);
  const changed = e.map((x, i) => (i === 1 ? { ...x, bytes: Uint8Array.from(x.bytes, (b, k) => (k === 100 ? b ^ 1 : b)) } : x));
  assert.match(zipMismatch(zip, changed)!.en, /entry 2: content differs/);
  const longer = e.map((x, i) => (i === 0 ? { ...x, bytes: Buffer.concat([x.bytes, Buffer.from(' ')]) } : x));
  assert.match(zipMismatch(zip, longer)!.en, /entry 1: size differs/);
  assert.match(zipMismatch(zip, e.slice(0, 2))!.en, /3 instead of 2/);
  assert.match(zipMismatch(zip, [e[1], e[0], e[2]])!.en, /order/);
  assert.match(zipMismatch(zipSync({ other: new Uint8Array(3) }), e)!.en, /1 instead of 3/);
  assert.match(zipMismatch(zip.subarray(0, 40), e)!.en, /does not read back/);
});

const name = (lineIndex: number | undefined, file: string, editeur?: string, numLigne?: string): AttachmentName => ({
  name: file,
  offset: 0,
  length: 0,
  ...(lineIndex !== undefined ? { lineIndex } : {}),
  ...(editeur !== undefined ? { editeur } : {}),
  ...(numLigne !== undefined ? { numLigne } : {}),
});

test('ZIP names from the pattern, one ZIP per request in the JSON order, a name twice in one request once', () => {
  assert.equal(zipNameOf('{editeur}_{numLigne}.zip', 'RIS-1', '7'), 'RIS-1_7.zip');
  const plan = planZips(
    [name(0, 'a.pdf', 'RIS-1', '1'), name(0, 'b.pdf', 'RIS-1', '1'), name(1, 'c.pdf', 'RIS-2', '2'), name(0, 'a.pdf', 'RIS-1', '1')],
    'solde.json',
  );
  assert.deepEqual(plan, [
    { numLigne: '1', lineIndex: 0, zip: zipNameOf(ATTACHMENT_LIMITS.zip.name, 'RIS-1', '1'), files: ['a.pdf', 'b.pdf'] },
    { numLigne: '2', lineIndex: 1, zip: zipNameOf(ATTACHMENT_LIMITS.zip.name, 'RIS-2', '2'), files: ['c.pdf'] },
  ]);
});

test('refused: two requests with the same ZIP name (letter case aside), a name not plain, no éditeur number, outside the requests', () => {
  const refused = (names: AttachmentName[], pattern: string | undefined, re: RegExp) =>
    assert.throws(
      () => planZips(names, 'solde.json', pattern),
      (e: unknown) => e instanceof PackageError && re.test(e.reason.fr) && re.test(e.reason.en),
    );
  refused([name(0, 'a.pdf', 'RIS-1', '1'), name(1, 'b.pdf', 'RIS-1', '1')], undefined, /numLigne 1 .*1 .*RIS-1_1\.zip/);
  refused([name(0, 'a.pdf', 'ris-1', '1'), name(1, 'b.pdf', 'RIS-1', '1')], undefined, /RIS-1_1\.zip/);
  // A pattern without the numLigne: every request of one éditeur number would share it.
  refused([name(0, 'a.pdf', 'RIS-1', '1'), name(1, 'b.pdf', 'RIS-1', '2')], '{editeur}.zip', /RIS-1\.zip/);
  refused([name(0, 'a.pdf', '../RIS', '1')], undefined, /(plain file name|simple nom)/);
  refused([name(0, 'a.pdf', undefined, '1')], undefined, /(éditeur)/);
  refused([name(undefined, 'a.pdf')], undefined, /(lignesImport)/);
  refused([name(0, 'a.pdf', 'manifest', '1')], '{editeur}.json', /manifest\.json/);
});

test('writePackage: the folder appears whole; a failure midway leaves neither the target nor the temporary folder', async () => {
  const { dir, folder, e, json } = await depositOnDisk();
  const plan: PlannedZip[] = [
    { numLigne: '1', lineIndex: 0, zip: 'A_1.zip', files: [e[0].name, e[2].name] },
    { numLigne: '2', lineIndex: 1, zip: 'A_2.zip', files: [e[1].name] },
  ];
  const input = { json: { name: 'solde.json', bytes: readFileSync(json) }, jsonPath: json, folder, plan };
  const target = join(dir, 'out');
  await assert.rejects(
    writePackage(input, target, {
      afterZip: (i, tmp) => {
        assert.ok(existsSync(join(tmp, 'A_1.zip')));
        if (i === 0) throw new PackageError({ fr: 'disque plein', en: 'disk full' });
      },
    }),
    /disk full/,
  );
  assert.deepEqual(readdirSync(dir).sort(), ['pj', 'solde.json'], 'no target, no temporary folder');
  await writePackage(input, target);
  assert.ok(existsSync(target), 'written whole when nothing fails');
  assert.deepEqual(readdirSync(target).sort(), ['A_1.zip', 'A_2.zip', 'manifest.json', 'solde.json']);
  assert.deepEqual(Object.keys(unzipSync(readFileSync(join(target, 'A_1.zip')))), [e[0].name, e[2].name]);
  const manifest = JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8'));
  assert.deepEqual(
    manifest.requests.map((r: { numLigne: number; zip: string; files: { name: string; size: number }[] }) => [
      r.numLigne,
      r.zip,
      r.files.map((f) => [f.name, f.size]),
    ]),
    [
      [
        1,
        'A_1.zip',
        [
          [e[0].name, e[0].bytes.length],
          [e[2].name, e[2].bytes.length],
        ],
      ],
      [2, 'A_2.zip', [[e[1].name, e[1].bytes.length]]],
    ],
  );
  // A target that exists is never replaced nor added to.
  await assert.rejects(writePackage(input, target), (err: unknown) => err instanceof PackageError && /already exists/.test(err.reason.en));
  assert.deepEqual(readdirSync(dir).sort(), ['out', 'pj', 'solde.json']);
});

test('writePackage: the JSON changed meanwhile, an attachment missing: refused, nothing left, the request named, not the file', async () => {
  const { dir, folder, e, json } = await depositOnDisk();
  const plan: PlannedZip[] = [{ numLigne: '1', lineIndex: 0, zip: 'A_1.zip', files: [e[0].name] }];
  const input = { json: { name: 'solde.json', bytes: readFileSync(json) }, jsonPath: json, folder, plan };
  // The JSON rewritten while the ZIPs are made: refused at the end, nothing left.
  await assert.rejects(
    writePackage(input, join(dir, 'out'), { afterZip: () => writeFileSync(json, '{"x": 2}\n') }),
    (err: unknown) => err instanceof PackageError && /changed on disk/.test(err.reason.en),
  );
  assert.deepEqual(readdirSync(dir).sort(), ['pj', 'solde.json']);
  // A missing attachment: the request is named (numLigne and ZIP), not the file.
  await assert.rejects(
    writePackage({ ...input, json: { name: 'solde.json', bytes: readFileSync(json) }, plan: [{ ...plan[0], files: ['absent.pdf'] }] }, join(dir, 'out')),
    (err: unknown) =>
      err instanceof PackageError && /^numLigne 1 \(A_1\.zip\): attachment unreadable: not found/.test(err.reason.en) && !/absent/.test(err.reason.en),
  );
  assert.deepEqual(readdirSync(dir).sort(), ['pj', 'solde.json']);
});

test('writePackage: an attachment changed after its ZIP was written (the ZIP would hold the old bytes): refused, nothing left', async () => {
  const { dir, folder, e, json } = await depositOnDisk();
  const plan: PlannedZip[] = [
    { numLigne: '1', lineIndex: 0, zip: 'A_1.zip', files: [e[0].name] },
    { numLigne: '2', lineIndex: 1, zip: 'A_2.zip', files: [e[1].name] },
  ];
  const input = { json: { name: 'solde.json', bytes: readFileSync(json) }, jsonPath: json, folder, plan };
  await assert.rejects(
    writePackage(input, join(dir, 'out'), {
      afterZip: (i) => {
        if (i === 0) writeFileSync(join(folder, e[0].name), Buffer.concat([e[0].bytes, Buffer.from('%%EOF\n')]));
      },
    }),
    (err: unknown) => err instanceof PackageError && /^numLigne 1 \(A_1\.zip\): an attachment changed on disk/.test(err.reason.en),
  );
  assert.deepEqual(readdirSync(dir).sort(), ['pj', 'solde.json']);
});
