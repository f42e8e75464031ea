/**
 * `segur-json check --attachments <folder>` (server/src/cli/checkAttachments.ts, io/attachmentFacts.ts, rules P1–P4): the
 * IMG-RIS-Va2 solde example beside a folder of real files. Without `--attachments` nothing changes (the deposit with
 * a missing file, a 5 MB scan, a PNG named .pdf and a PDF cut in half passes, exit 0: the defects the portal's ZIP
 * check would meet); with it, each defect is one finding on its `nomFichier` value; a folder with everything right
 * gets none; a name that leaves the folder is never opened; nothing is written in the folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brokenDeposit, goodDeposit, jpegBytes, pdfBytes, pngBytes, SOLDE_NAMES, soldeText } from '../helpers/deposit';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd = root) =>
  spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, SEGUR_JSON_THREADS: '1' } });

interface Diag {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  provenance: { kind: string };
}
const diagnostics = (stdout: string): Diag[] => (JSON.parse(stdout) as { diagnostics: Diag[] }[])[0].diagnostics;
const attachmentDiags = (stdout: string) => diagnostics(stdout).filter((d) => /^P\d/.test(d.code));
/** The text a diagnostic's range covers (one line). */
const spanOf = (text: string, d: Diag) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);

test('without --attachments, a JSON kept apart from its files (pj/ beside it): no disk check, as nothing says where they are', async () => {
  const d = await brokenDeposit();
  const r = run(['check', '--format', 'json', d.json]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.deepEqual(attachmentDiags(r.stdout), []);
});

test("without --attachments, the files in the JSON's own folder: checked there, each defect on its nomFichier", async () => {
  const d = await brokenDeposit();
  // The JSON in its attachments folder: the files are evidently kept beside it.
  const json = join(d.folder, 'IMG-RIS-Va2-solde.json');
  writeFileSync(json, soldeText());
  const r = run(['check', '--format', 'json', json]);
  assert.equal(r.status, 1, r.stderr + r.stdout);
  assert.deepEqual(
    attachmentDiags(r.stdout).map((x) => [x.code, x.range.start.line + 1]),
    d.expected.map((e) => [e.code, e.line]),
  );
  // A folder check: that file with its attachments, the other JSON (apart from its files) without.
  const folder = run(['check', '--format', 'json', d.dir]);
  const reports = JSON.parse(folder.stdout) as { file: string; diagnostics: Diag[] }[];
  const pCount = (r: { diagnostics: Diag[] }) => r.diagnostics.filter((x) => /^P\d/.test(x.code)).length;
  const inPj = reports.filter((x) => /[\\/]pj[\\/]IMG-RIS-Va2-solde\.json$/.test(x.file));
  const apart = reports.filter((x) => /IMG-RIS-Va2-solde\.json$/.test(x.file) && !inPj.includes(x));
  assert.deepEqual([inPj.length, apart.length], [1, 1], folder.stdout.slice(0, 300));
  assert.deepEqual([pCount(inPj[0]), pCount(apart[0])], [d.expected.length, 0]);
});

test('--attachments: the missing file, the 5 MB scan, the PNG named .pdf and the PDF cut in half, each on its nomFichier', async () => {
  const d = await brokenDeposit();
  const before = readdirSync(d.folder).map((f) => [f, statSync(join(d.folder, f)).mtimeMs]);
  const r = run(['check', '--format', 'json', '--attachments', d.folder, d.json]);
  assert.equal(r.status, 1, r.stderr + r.stdout);
  const got = attachmentDiags(r.stdout);
  assert.deepEqual(
    got.map((x) => [x.code, x.range.start.line + 1, x.severity]),
    d.expected.map((e) => [e.code, e.line, 'error']),
  );
  const text = soldeText();
  got.forEach((x, i) => assert.equal(spanOf(text, x), JSON.stringify(d.expected[i].name), x.code));
  assert.match(got[1].message, /5 0\d\d \d\d\d octets, au-delà de 4 Mo/);
  assert.match(got[2].message, /PNG/);
  assert.deepEqual(
    readdirSync(d.folder).map((f) => [f, statSync(join(d.folder, f)).mtimeMs]),
    before,
    'nothing written in the folder',
  );
  // English too.
  const en = run(['check', '--format', 'json', '--lang', 'en', '--attachments', d.folder, d.json]);
  assert.match(attachmentDiags(en.stdout)[0].message, /Attachment not found/);
});

test('--attachments relative to the working folder, compact output', async () => {
  const d = await brokenDeposit();
  const r = run(['check', '--format', 'compact', '--attachments', 'pj', 'IMG-RIS-Va2-solde.json'], d.dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /IMG-RIS-Va2-solde\.json:32:\d+: error P1\/missing/);
  assert.match(r.stdout, /IMG-RIS-Va2-solde\.json:89:\d+: error P4\/truncated/);
});

test('a folder with everything right: no finding, exit 0', async () => {
  const d = await goodDeposit();
  const r = run(['check', '--format', 'json', '--attachments', d.folder, d.json]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.deepEqual(attachmentDiags(r.stdout), []);
});

test('PNG and JPEG declared as such pass; a name in another letter case, a size in the doubtful band: model warnings', async () => {
  const d = await goodDeposit();
  const text = soldeText()
    .replace(`"${SOLDE_NAMES[0].name}",\n          "formatFichier": "PDF"`, '"IMG-RIS-Va2-FAC-RIS-2025-0412.png",\n          "formatFichier": "PNG"')
    .replace(`"${SOLDE_NAMES[1].name}",\n          "formatFichier": "PDF"`, '"IMG-RIS-Va2-VA-RIS-2025-0412.jpg",\n          "formatFichier": "JPEG"');
  assert.notEqual(text, soldeText());
  writeFileSync(d.json, text);
  writeFileSync(join(d.folder, 'IMG-RIS-Va2-FAC-RIS-2025-0412.png'), pngBytes());
  writeFileSync(join(d.folder, 'IMG-RIS-Va2-VA-RIS-2025-0412.jpg'), jpegBytes());
  // Line 2's invoice only under another case; its VA in the band 4 000 000 – 4 194 304 bytes.
  const { renameSync } = await import('node:fs');
  renameSync(join(d.folder, SOLDE_NAMES[2].name), join(d.folder, SOLDE_NAMES[2].name.toLowerCase()));
  const heavy = await pdfBytes(1, 4_050_000);
  assert.ok(heavy.length > 4_000_000 && heavy.length <= 4_194_304, String(heavy.length));
  writeFileSync(join(d.folder, SOLDE_NAMES[3].name), heavy);
  const r = run(['check', '--format', 'json', '--attachments', d.folder, d.json]);
  const got = attachmentDiags(r.stdout).map((x) => [x.code, x.range.start.line + 1, x.severity, x.provenance.kind]);
  assert.deepEqual(got, [
    ['P1/case', 84, 'warning', 'model'],
    ['P2/size-band', 89, 'warning', 'model'],
  ]);
  assert.equal(r.status, 0, 'model warnings only');
});

test('names that leave the folder are never opened; a link out of the folder is not followed', async () => {
  const d = await goodDeposit();
  // A real PDF outside the folder, reachable by each of those names.
  writeFileSync(join(d.dir, 'outside.pdf'), readFileSync(join(d.folder, SOLDE_NAMES[0].name)));
  const text = soldeText()
    .replace(`"${SOLDE_NAMES[0].name}"`, '"../outside.pdf"')
    .replace(`"${SOLDE_NAMES[1].name}"`, JSON.stringify(join(d.dir, 'outside.pdf')))
    .replace(`"${SOLDE_NAMES[2].name}"`, '"..\\\\outside.pdf"')
    .replace(`"${SOLDE_NAMES[3].name}"`, '"C:outside.pdf"');
  writeFileSync(d.json, text);
  const linked = SOLDE_NAMES[4].name;
  const { rmSync } = await import('node:fs');
  rmSync(join(d.folder, linked));
  symlinkSync(join(d.dir, 'outside.pdf'), join(d.folder, linked));
  // A link inside the folder is followed.
  mkdirSync(join(d.folder, 'sub'));
  writeFileSync(join(d.folder, 'sub', 'x.pdf'), readFileSync(join(d.folder, SOLDE_NAMES[5].name)));
  rmSync(join(d.folder, SOLDE_NAMES[5].name));
  symlinkSync(join(d.folder, 'sub', 'x.pdf'), join(d.folder, SOLDE_NAMES[5].name));
  const r = run(['check', '--format', 'json', '--attachments', d.folder, d.json]);
  const got = attachmentDiags(r.stdout).map((x) => [x.code, x.range.start.line + 1]);
  assert.deepEqual(got, [
    ['P1/path', 32],
    ['P1/path', 37],
    ['P1/path', 84],
    ['P1/path', 89],
    ['P1/link-outside', 130],
  ]);
});

test("a FIFO or a folder under an attachment's name is not opened; an attachments folder that does not exist: exit 2", async () => {
  const d = await goodDeposit();
  const { rmSync } = await import('node:fs');
  rmSync(join(d.folder, SOLDE_NAMES[0].name));
  mkdirSync(join(d.folder, SOLDE_NAMES[0].name));
  rmSync(join(d.folder, SOLDE_NAMES[1].name));
  const fifo = spawnSync('mkfifo', [join(d.folder, SOLDE_NAMES[1].name)]);
  const r = run(['check', '--format', 'json', '--attachments', d.folder, d.json]);
  const got = attachmentDiags(r.stdout).map((x) => [x.code, x.range.start.line + 1]);
  assert.deepEqual(
    got,
    fifo.status === 0
      ? [
          ['P1/not-file', 32],
          ['P1/not-file', 37],
        ]
      : [
          ['P1/not-file', 32],
          ['P1/missing', 37],
        ],
  );
  const none = run(['check', '--attachments', join(d.dir, 'absent'), d.json]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /--attachments : dossier des pièces justificatives illisible \(ENOENT\)/);
});
