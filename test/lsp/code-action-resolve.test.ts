/**
 * Quick fixes computed on demand: a diagnostic's `data` carries its provenance and a reference to
 * its finding in the server's cached result (`fix`: version, result stamp, index), never the fix's title or edits; a
 * client that resolves code actions (`resolveSupport.properties` has `edit`, as VS Code and Neovim declare) gets
 * quick fixes without their edit and `codeAction/resolve` fills it in from the cached result, for the same version
 * and stamp only (a stale action gets no edit, it is never applied); a client that does not resolve gets the edits
 * inline, as before. Through a real client over stdio. The fixed texts are the example's own text (rules V2 and S6 on
 * a copy of examples/IMG-RIS-Va2/avance.json with its amounts written as strings and `"V2"` for `"v2"`).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startClient, applyAction, root, type Client } from '../helpers/lsp-client.ts';

const EXAMPLE = readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), 'utf8');
/** Three V2/string (amounts as strings) and one S6/value (`"V2"`), each with a safe fix back to the example. */
const BROKEN = EXAMPLE.replace(/"montantSegurHT": ([\d.]+)/g, '"montantSegurHT": "$1"').replace('"typePrestation": "v2"', '"typePrestation": "V2"');
const ONLY_S6_FIXED = EXAMPLE.replace(/"montantSegurHT": ([\d.]+)/g, '"montantSegurHT": "$1"');
const ONLY_V2_FIXED = EXAMPLE.replace('"typePrestation": "v2"', '"typePrestation": "V2"');
const WHOLE = (doc: TextDocument) => ({ start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) });

let resolving: Client;
let inline: Client;
before(async () => {
  [resolving, inline] = await Promise.all([startClient({ pull: true, codeActionResolve: true }), startClient({ pull: true })]);
});
after(async () => {
  await Promise.all([resolving.stop(), inline.stop()]);
});

const resolve = (c: Client, action: CodeAction) => c.conn.sendRequest('codeAction/resolve', action) as Promise<CodeAction>;
const fileIn = (name: string) => join(mkdtempSync(join(tmpdir(), 'segur-resolve-')), name);

test('the test text is what it claims: three V2/string and one S6/value, all fixable', () => {
  assert.notEqual(BROKEN, EXAMPLE);
  assert.equal((BROKEN.match(/"montantSegurHT": "/g) ?? []).length, 3);
});

test("a diagnostic's data has its provenance and a reference to its fix, never the fix itself (both kinds of client)", async () => {
  for (const c of [resolving, inline]) {
    const doc = c.open(fileIn('avance.json'), BROKEN);
    try {
      const diags = await c.pull(doc.uri);
      assert.deepEqual(
        diags.map((d) => d.code),
        ['V2/string', 'S6/value', 'V2/string', 'V2/string'],
      );
      for (const d of diags) {
        const data = d.data as Record<string, unknown>;
        assert.deepEqual(Object.keys(data).sort(), ['fix', 'provenance']);
        const ref = data.fix as Record<string, unknown>;
        assert.deepEqual(Object.keys(ref).sort(), ['index', 'stamp', 'version']);
        assert.equal(ref.version, 1);
        assert.match(String(ref.stamp), /^[0-9a-f]{12}-\d+$/);
        const json = JSON.stringify(data);
        for (const word of ['newText', 'edits', 'title', 'Écrire', 'range']) assert.ok(!json.includes(word), `${word} in ${json}`);
      }
      // The four references point at four findings of one result.
      assert.deepEqual(
        diags.map((d) => (d.data as { fix: { index: number } }).fix.index),
        [0, 1, 2, 3],
      );
      assert.equal(new Set(diags.map((d) => (d.data as { fix: { stamp: string } }).fix.stamp)).size, 1);
    } finally {
      c.close(doc);
    }
  }
});

test('a resolving client gets quick fixes without edit; codeAction/resolve gives the edit, applied = the fixed text', async () => {
  const doc = resolving.open(fileIn('avance.json'), BROKEN);
  try {
    const diags = await resolving.pull(doc.uri);
    const s6 = diags.find((d) => d.code === 'S6/value')!;
    const actions = await resolving.codeActions(doc, s6.range, [s6]);
    const quick = actions.filter((a) => a.kind === 'quickfix');
    assert.deepEqual(
      quick.map((a) => [a.title, a.isPreferred, a.edit === undefined, (a.diagnostics ?? []).map((d) => d.code)]),
      [['Écrire « v2 »', true, true, ['S6/value']]],
    );
    assert.ok(quick[0].data, 'a reference for resolve');
    const resolved = await resolve(resolving, quick[0]);
    assert.equal(resolved.title, 'Écrire « v2 »');
    assert.deepEqual(resolved.edit?.changes?.[doc.uri], [
      { range: { start: doc.positionAt(BROKEN.indexOf('"V2"')), end: doc.positionAt(BROKEN.indexOf('"V2"') + 4) }, newText: '"v2"' },
    ]);
    assert.equal(applyAction(doc, resolved), ONLY_S6_FIXED);

    // « Corriger tous les problèmes V2 (3) »: offered without edit too, resolved to the three edits.
    const all = await resolving.codeActions(doc, WHOLE(doc), diags);
    const v2 = all.find((a) => a.title === 'Corriger tous les problèmes V2 (3)');
    assert.ok(v2, JSON.stringify(all.map((a) => a.title)));
    assert.equal(v2.edit, undefined);
    assert.ok(
      all.every((a) => a.edit === undefined),
      'no action carries its edit',
    );
    const v2Resolved = await resolve(resolving, v2);
    assert.equal(v2Resolved.edit?.changes?.[doc.uri]?.length, 3);
    assert.equal(applyAction(doc, v2Resolved), ONLY_V2_FIXED);
  } finally {
    resolving.close(doc);
  }
});

test('a stale action resolves to no edit: the document changed, or its reference is not of the current result', async () => {
  const doc = resolving.open(fileIn('avance.json'), BROKEN);
  try {
    const diags = await resolving.pull(doc.uri);
    const v2 = diags.find((d) => d.code === 'V2/string')!;
    const [action] = (await resolving.codeActions(doc, v2.range, [v2])).filter((a) => a.kind === 'quickfix');
    assert.equal(action.title, 'Écrire 31250.00');
    // Forged references (another stamp, another version, an index out of range) never give an edit.
    const data = action.data as { uri: string; fix: { stamp: string; version: number; index: number } };
    for (const fix of [
      { ...data.fix, stamp: `${data.fix.stamp}0` },
      { ...data.fix, version: 2 },
      { ...data.fix, index: 99 },
    ]) {
      assert.equal((await resolve(resolving, { ...action, data: { ...data, fix } })).edit, undefined, JSON.stringify(fix));
    }
    assert.ok((await resolve(resolving, action)).edit, 'the genuine one resolves while the text is the same');
    // The document changes (one character inserted before the amount): the old action's offsets would be wrong.
    const changed = resolving.change(doc, BROKEN.replace('"impId"', ' "impId"'));
    await resolving.pull(changed.uri);
    assert.equal((await resolve(resolving, action)).edit, undefined, 'stale after a change');
    // Back to the same text under a new version: a new result, the old action stays stale.
    const back = resolving.change(changed, BROKEN);
    await resolving.pull(back.uri);
    assert.equal((await resolve(resolving, action)).edit, undefined, 'stale after a change back');
    // The diagnostics of the current version give actions that resolve.
    const now = (await resolving.pull(back.uri)).find((d) => d.code === 'V2/string')!;
    const [fresh] = (await resolving.codeActions(back, now.range, [now])).filter((a) => a.kind === 'quickfix');
    assert.equal(applyAction(back, await resolve(resolving, fresh)), BROKEN.replace('"31250.00"', '31250.00'));
    // An old diagnostic sent with the new version (its reference has the old stamp) gets no quick fix at all.
    assert.deepEqual(
      (await resolving.codeActions(back, v2.range, [v2])).filter((a) => a.kind === 'quickfix'),
      [],
    );
  } finally {
    resolving.close(doc);
  }
});

test('a client that does not resolve gets the edits inline, the same fixed texts', async () => {
  const doc = inline.open(fileIn('avance.json'), BROKEN);
  try {
    const diags = await inline.pull(doc.uri);
    const s6 = diags.find((d) => d.code === 'S6/value')!;
    const [quick] = (await inline.codeActions(doc, s6.range, [s6])).filter((a) => a.kind === 'quickfix');
    assert.equal(quick.title, 'Écrire « v2 »');
    assert.equal(quick.data, undefined);
    assert.equal(applyAction(doc, quick), ONLY_S6_FIXED);
    const v2 = (await inline.codeActions(doc, WHOLE(doc), diags)).find((a) => a.title === 'Corriger tous les problèmes V2 (3)');
    assert.ok(v2?.edit);
    assert.equal(applyAction(doc, v2), ONLY_V2_FIXED);
  } finally {
    inline.close(doc);
  }
});

test('fix-all (source.fixAll.segur) keeps its edit inline for a resolving client: the example back', async () => {
  const doc = resolving.open(fileIn('avance.json'), BROKEN);
  try {
    const [fixAll] = await resolving.codeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.segur']);
    assert.equal(fixAll?.kind, 'source.fixAll.segur');
    assert.equal(applyAction(doc, fixAll), EXAMPLE);
  } finally {
    resolving.close(doc);
  }
});
