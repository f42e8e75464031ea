/**
 * Fix all converges: `source.fixAll.segur` through a real LSP client gives, in one invocation,
 * the same text as `segur-json check --fix`, byte for byte, for every fixture and pair file, in small edits (one
 * per change, never one replacement of the whole changed region: the editor's cursor, folds and undo stay put). A solde with six faults (a copy of examples/IMG-RIS-Va2/solde.json with a
 * misspelled block key, a deleted block, a singular key, `Null`, an ISO date and a trailing blank): one fix-all
 * leaves no safe fix and no S7 (rules S2 and S7, sources 000 and 004).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol/node';
import { check, fixAll, minimalEdit } from '../../server/src/segur.ts';
import { startClient, applyAction, root, type Client } from '../helpers/lsp-client.ts';
import { sixFaultsSolde } from '../helpers/six-faults-solde.ts';

const FIX_ALL = 'source.fixAll.segur';
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.endsWith('.expected.json') ? [join(dir, e.name)] : [],
  );

let client: Client;
before(async () => {
  client = await startClient({ pull: true });
});
after(async () => {
  await client.stop();
});

async function fixAllOnce(file: string, text: string): Promise<{ text: string; edits: TextEdit[] }> {
  const doc = client.open(file, text);
  try {
    const actions = await client.codeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [FIX_ALL]);
    const all = actions.filter((a: CodeAction) => a.kind === FIX_ALL);
    assert.ok(all.length <= 1, 'one fix-all action');
    return all[0] ? { text: applyAction(doc, all[0]), edits: (all[0].edit!.changes![doc.uri] ?? []) as TextEdit[] } : { text, edits: [] };
  } finally {
    client.close(doc);
  }
}

test('fix-all once through the LSP = segur-json check --fix, byte for byte, for every fixture and pair file', async () => {
  const work = mkdtempSync(join(tmpdir(), 'segur-fixall-'));
  try {
    const sources = [...files(join(root, 'test', 'fixtures')), ...files(join(root, 'test', 'pairs'))];
    const viaCli = join(work, 'cli');
    for (const f of sources) cpSync(f, join(viaCli, relative(root, f)));
    try {
      execFileSync(process.execPath, [join(root, 'bin', 'segur-json.js'), 'check', '--fix', viaCli], { stdio: 'pipe', timeout: 120_000 });
    } catch {
      // Exit code 1: some errors are left (not all of them can be fixed automatically).
    }
    let changed = 0;
    let multiPass = 0;
    for (const f of sources) {
      const rel = relative(root, f);
      const text = readFileSync(f, 'utf8');
      const expected = readFileSync(join(viaCli, rel), 'utf8');
      // Opened under the same base name (detection reads it), in another folder.
      const got = await fixAllOnce(join(work, 'lsp', rel), text);
      assert.equal(got.text, expected, `${rel}: fix-all through the LSP differs from --fix`);
      const region = minimalEdit(text, expected);
      if (region)
        assert.ok(
          got.edits.every((e) => e.newText.length <= region.newText.length),
          `${rel}: no edit larger than the changed region`,
        );
      if (expected !== text) changed++;
      if (fixAll(text, { fileName: f }).passes > 1) multiPass++;
    }
    // The comparison is not vacuous: many files are fixed, some only by a second pass (a fix revealing another).
    assert.ok(changed >= 15, `only ${changed} files changed by --fix`);
    assert.ok(multiPass >= 1, 'some fixture needs more than one pass');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('`Null` on line 2 and `NULL` on line 141: two small edits, giving the text of the one big edit', async () => {
  const src = readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8');
  const lines = src.split('\n');
  assert.equal(lines[1], '  "impId": null,');
  assert.equal(lines[140], '      "libelleTraitement": null');
  lines[1] = '  "impId": Null,';
  lines[140] = '      "libelleTraitement": NULL';
  const text = lines.join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'segur-fixall-two-')), 'solde.json');
  const got = await fixAllOnce(file, text);
  // What the single edit of the changed region (lines 2 to 141) gave.
  const region = minimalEdit(text, fixAll(text, { fileName: file }).text)!;
  assert.ok(region.newText.length > text.length / 2, 'the changed region is most of the document');
  assert.equal(got.text, text.slice(0, region.offset) + region.newText + text.slice(region.offset + region.length));
  assert.equal(got.text, src);
  assert.deepEqual(
    got.edits.map((e) => [e.range.start.line, e.range.end.line, e.newText]),
    [
      [1, 1, 'n'],
      [140, 140, 'null'],
    ],
  );
});

test('a solde with six faults: one fix-all leaves no safe fix and no S7', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'segur-fixall-why-')), 'solde.json');
  const text = sixFaultsSolde();
  const before = check(text, { fileName: file }).findings;
  assert.deepEqual(
    before.map((f) => f.code),
    ['V1/date', 'S2/missing-block', 'S6/key', 'S8/value', 'S3/null-case'],
  );
  const got = await fixAllOnce(file, text);
  assert.doesNotThrow(() => JSON.parse(got.text));
  const left = check(got.text, { fileName: file }).findings;
  assert.deepEqual(
    left.filter((f) => f.fix?.safe).map((f) => f.code),
    [],
    'no safe fix left',
  );
  assert.deepEqual(
    left.filter((f) => f.code.startsWith('S7')).map((f) => f.code),
    [],
    'no S7',
  );
  assert.equal(got.text, readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8').replace('"12/05/2026"', '"19/05/2026"'));
});

test('« Corriger tous les problèmes Sx » (one rule, one pass) never leaves broken JSON, for every fixture', async () => {
  let offered = 0;
  for (const f of [...files(join(root, 'test', 'fixtures')), ...files(join(root, 'test', 'pairs'))]) {
    const text = readFileSync(f, 'utf8');
    const doc = client.open(join(mkdtempSync(join(tmpdir(), 'segur-rule-')), basename(f)), text);
    try {
      const diags = await client.pull(doc.uri);
      const actions = await client.codeActions(doc, { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, diags);
      for (const a of actions.filter((x) => /^Corriger tous les problèmes /.test(x.title))) {
        offered++;
        const out = applyAction(doc, a);
        let strictBefore = true;
        try {
          JSON.parse(text);
        } catch {
          strictBefore = false;
        }
        if (strictBefore) assert.doesNotThrow(() => JSON.parse(out), `${relative(root, f)}: ${a.title} keeps strict JSON`);
      }
    } finally {
      client.close(doc);
    }
  }
  assert.ok(offered >= 5, `${offered} per-rule fix-all actions offered`);
  console.log(`# per-rule fix-all: ${offered} actions applied`);
});
