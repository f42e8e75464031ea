/**
 * `segur-json merge-pdf … --json FILE.json --line N` (cli/mergePdf.ts) through the built CLI, on the examples: the
 * parts are read in the attachments folder; the JSON change is shown as a unified diff and the JSON left byte for
 * byte, or written with --write (the request lists the merged PDF once, the rest of the text unchanged); a part the
 * request does not name, or a request that is not there, is refused before anything is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { pdfOf, pngOf, TWO_INVOICES } from '../helpers/pdf-parts.ts';

const { FAC, FAC2, ORIGINAL, TWO } = TWO_INVOICES;

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

/** A deposit folder: the JSON (named as the example) and `pj/` holding the two invoices. */
async function deposit(text = TWO): Promise<{ dir: string; json: string; pj: string }> {
  assert.notEqual(TWO, ORIGINAL);
  const dir = mkdtempSync(join(tmpdir(), 'segur-merge-json-'));
  const pj = join(dir, 'pj');
  mkdirSync(pj);
  writeFileSync(join(pj, FAC), await pdfOf(2, 'janvier'));
  writeFileSync(join(pj, FAC2), pngOf(30, 40));
  const json = join(dir, 'HOP-DPI-Va2-solde.json');
  writeFileSync(json, text);
  return { dir, json, pj };
}

test('--json --line: the diff on stdout, the JSON byte for byte, the PDF where -o says', async () => {
  const d = await deposit();
  const out = join(d.dir, 'FACTURES-0101.pdf');
  const r = run(['merge-pdf', FAC, FAC2, '-o', out, '--json', d.json, '--line', '1', '--attachments', 'pj'], d.dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(d.json, 'utf8'), TWO);
  assert.match(r.stdout, /^--- a\/HOP-DPI-Va2-solde\.json/m);
  assert.match(r.stdout, /^\+\+\+ b\/HOP-DPI-Va2-solde\.json/m);
  assert.match(r.stdout, new RegExp(`^-\\s+"nomFichier": "${FAC.replace(/\./g, '\\.')}",$`, 'm'));
  assert.match(r.stdout, /^\+\s+"nomFichier": "FACTURES-0101\.pdf",$/m);
  assert.match(r.stdout, /^-\s+"formatFichier": "PNG",$/m);
  assert.match(r.stderr, /--write/);
  assert.equal((await PDFDocument.load(readFileSync(out))).getPageCount(), 1 + 2 + 1);
});

test('--write: the request lists the merged PDF once, the rest of the text unchanged; the parts stay', async () => {
  const d = await deposit();
  const out = join(d.pj, 'FACTURES-0101.pdf');
  const r = run(['merge-pdf', FAC2, FAC, '-o', out, '--json', 'HOP-DPI-Va2-solde.json', '--line', '1', '--attachments', 'pj', '--write'], d.dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(readFileSync(d.json, 'utf8'), ORIGINAL.replace(`"${FAC}"`, '"FACTURES-0101.pdf"'));
  assert.deepEqual(readdirSync(d.pj).sort(), [FAC, FAC2, 'FACTURES-0101.pdf'].sort());
  assert.equal((await PDFDocument.load(readFileSync(out))).getPageCount(), 4);
  assert.deepEqual(
    readdirSync(d.dir).filter((f) => f.endsWith('.tmp')),
    [],
  );
});

test('the parts are read in the JSON folder without --attachments; errors elsewhere in the JSON do not matter', async () => {
  // A request with an error (an empty numeroEditeur on the third request) is no reason to refuse.
  const withError = TWO.replace(/("numeroEditeur": )"[^"]*"/g, (m, k, i) => (i > TWO.lastIndexOf('"numLigne"') ? `${k}""` : m));
  assert.notEqual(withError, TWO);
  const d = await deposit(withError);
  for (const f of [FAC, FAC2]) writeFileSync(join(d.dir, f), readFileSync(join(d.pj, f)));
  const r = run(['merge-pdf', FAC, FAC2, '-o', 'out.pdf', '--json', d.json, '--line', '1', '--write'], d.dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    readFileSync(d.json, 'utf8'),
    withError.replace(
      `"${FAC}",\n          "formatFichier": "PDF",\n          "typeFichier": "FACTURE"\n        },\n        {\n          "nomFichier": "${FAC2}",\n          "formatFichier": "PNG",\n          "typeFichier": "FACTURE"\n        },`,
      `"out.pdf",\n          "formatFichier": "PDF",\n          "typeFichier": "FACTURE"\n        },`,
    ),
  );
});

test('refused before anything is written: parts the request does not name (named), a missing request, -o over a part', async () => {
  const d = await deposit();
  const refused = (args: string[], re: RegExp, status = 2) => {
    const r = run(['merge-pdf', ...args], d.dir);
    assert.equal(r.status, status, r.stderr);
    assert.match(r.stderr, re);
    assert.equal(readFileSync(d.json, 'utf8'), TWO);
    assert.equal(existsSync(join(d.dir, 'X.pdf')), false);
  };
  refused(
    [FAC, 'HOP-DPI-Va2-VA-DPI-2025-0102.pdf', '-o', 'X.pdf', '--json', d.json, '--line', '1', '--attachments', 'pj', '--write'],
    /HOP-DPI-Va2-VA-DPI-2025-0102\.pdf n'est pas nommée.*is not named/,
  );
  refused([FAC, FAC2, '-o', 'X.pdf', '--json', d.json, '--line', '7', '--attachments', 'pj', '--write'], /aucune demande numLigne 7.*no request numLigne 7/);
  refused([FAC, FAC2, '-o', join('pj', FAC), '--json', d.json, '--line', '1', '--attachments', 'pj'], /est aussi une pièce/);
  refused([FAC, FAC2, '-o', 'X.pdf', '--line', '1'], /vont avec --json/);
  refused(['pj/' + FAC, '-o', 'X.pdf', '--json', d.json, '--line', '1'], /nomFichier de la demande/);
  assert.deepEqual(readdirSync(d.pj).sort(), [FAC, FAC2].sort());
});
