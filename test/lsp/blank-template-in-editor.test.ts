/**
 * Over stdio: a blank official template in the workspace gets one information finding
 * (S1/blank-template, not an S3 per tag), the code action and CodeLens « Utiliser ce fichier comme modèle officiel »
 * (command segur.useAsTemplate), and the request the client's command sends (segur/useAsTemplate) either tells the
 * client to set segur.templates.folder or copies the blank into the folder already set; the SONS × kind is then
 * checked against it (provenance `template`). Fixture: test/templates/official-like (an IMG-RIS-Va2 solde blank
 * that differs from the bundled model: an extra `numeroFacture`, `VA` keys in another order).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, startClient, type Client } from '../helpers/lsp-client.ts';

const BLANK = join(root, 'test', 'templates', 'official-like', 'IMG-RIS-Va2.solde.blank.json');
const SOLDE = join(root, 'examples', 'IMG-RIS-Va2', 'solde.json');
type Data = { provenance?: { kind: string } };
const provenances = (ds: { data?: unknown }[]) => [...new Set(ds.map((d) => (d.data as Data | undefined)?.provenance?.kind))].sort();

/** Waits until the document's last push satisfies `pred`. */
async function until(c: Client, uri: string, pred: (codes: string[], ds: { code?: unknown; data?: unknown }[]) => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const last = c.pushed.get(uri)?.at(-1);
    if (
      last &&
      pred(
        last.diagnostics.map((d) => String(d.code)),
        last.diagnostics,
      )
    )
      return last.diagnostics;
    if (Date.now() > deadline) throw new Error(`${what}: last ${JSON.stringify(last?.diagnostics.map((d) => d.code))}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

test('a blank template whose name fits, no folder set: one information finding, the action, then segur.templates.folder = its folder', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-blank-ws-'));
  mkdirSync(join(ws, 'modeles'));
  const blankPath = join(ws, 'modeles', 'IMG-RIS-Va2.solde.blank.json');
  copyFileSync(BLANK, blankPath);
  const segur: Record<string, unknown> = { validate: { debounceMs: 10 } };
  const c = await startClient({ workspace: ws, settings: { segur }, initializationOptions: { commands: true } });
  try {
    const solde = c.open(join(ws, 'solde.json'), readFileSync(SOLDE, 'utf8'));
    // Alone in its workspace, the solde gets C8's information only (no avance to compare it with).
    assert.deepEqual(
      (await c.waitPush(solde.uri)).diagnostics.map((d) => d.code),
      ['C8/no-avance'],
      'the bundled model: a valid solde',
    );
    const blank = c.open(blankPath);
    const [d, ...more] = (await c.waitPush(blank.uri)).diagnostics;
    assert.deepEqual(more, [], 'one finding, no S3 per null tag');
    assert.equal(d.code, 'S1/blank-template');
    assert.equal(d.severity, 3, 'information');
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    assert.match(String(d.message), /^Modèle officiel vierge \(IMG-RIS-Va2 solde\) : .*« Utiliser ce fichier comme modèle officiel »/);

    const actions = await c.codeActions(blank, d.range, [d]);
    const use = actions.filter((a) => a.command?.command === 'segur.useAsTemplate');
    assert.equal(use.length, 1, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(use[0].title, 'Utiliser ce fichier comme modèle officiel');
    assert.deepEqual(use[0].command!.arguments, [blank.uri]);
    const lenses = (await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: blank.uri } })) as {
      command?: { title: string; command: string; arguments?: unknown[] };
    }[];
    assert.deepEqual(
      lenses.map((l) => l.command),
      [{ title: 'Utiliser ce fichier comme modèle officiel', command: 'segur.useAsTemplate', arguments: [blank.uri] }],
    );

    // What the client's command asks: the server says which setting to write (the file's folder, workspace-relative).
    const answer = (await c.conn.sendRequest('segur/useAsTemplate', { uri: blank.uri })) as Record<string, unknown>;
    assert.equal(answer.status, 'done', JSON.stringify(answer));
    assert.equal(answer.setFolder, true);
    assert.equal(answer.folder, 'modeles');
    assert.equal(answer.copiedTo, undefined, 'the name fits: nothing copied');
    assert.equal(answer.key, 'IMG-RIS-Va2.solde');
    // The client writes it; VS Code then tells the server the configuration changed.
    segur.templates = { folder: answer.folder };
    c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const after = await until(c, solde.uri, (codes) => codes.includes('S3/missing-tag'), 'the solde against the template');
    assert.deepEqual(provenances(after), ['template']);
    assert.ok(
      after.some((x) => /numeroFacture/.test((x as { message?: string }).message ?? '')),
      'the tag only the official template has',
    );
    const inUse = await until(c, blank.uri, (codes) => codes[0] === 'S1/blank-template-in-use', 'the blank now in use');
    assert.equal(inUse.length, 1);
    assert.deepEqual(
      (await c.codeActions(blank, d.range, inUse as never)).map((a) => a.title),
      ['Documentation de la règle S1'],
      'no « use » action any more: it is in use',
    );
    assert.deepEqual(c.messages, [], 'the folder loads without a warning');
  } finally {
    await c.stop();
  }
});

test('a blank whose name says nothing, a folder set: SONS and kind asked, copied into the folder, never over a different file without asking', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-blank-ws-'));
  mkdirSync(join(ws, 'telechargements'));
  const blankPath = join(ws, 'telechargements', 'modele.json');
  copyFileSync(BLANK, blankPath);
  const folder = join(ws, 'officiels');
  const c = await startClient({
    workspace: ws,
    settings: { segur: { validate: { debounceMs: 10 }, templates: { folder } } },
    initializationOptions: { commands: true },
  });
  try {
    const solde = c.open(join(ws, 'solde.json'), readFileSync(SOLDE, 'utf8'));
    assert.deepEqual(
      (await c.waitPush(solde.uri)).diagnostics.map((d) => d.code),
      ['C8/no-avance'],
    );
    const blank = c.open(blankPath);
    const ds = (await c.waitPush(blank.uri)).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['S1/blank-template'],
    );
    assert.match(String(ds[0].message), /^Modèle officiel vierge \(SONS et type à choisir\)/);

    const choose = (await c.conn.sendRequest('segur/useAsTemplate', { uri: blank.uri })) as { status: string; guess?: { sons?: string; kind?: string } };
    assert.equal(choose.status, 'choose');
    assert.deepEqual(choose.guess, { sons: 'IMG-RIS-Va2', kind: 'solde' }, 'the content suggests it: the picker starts there');

    // A different file already at the target: the server asks first, and writes nothing.
    mkdirSync(folder);
    const target = join(folder, 'IMG-RIS-Va2.solde.blank.json');
    const other = readFileSync(BLANK, 'utf8').replace('"numeroFacture": null,', '');
    writeFileSync(target, other);
    const exists = (await c.conn.sendRequest('segur/useAsTemplate', { uri: blank.uri, sons: 'IMG-RIS-Va2', kind: 'solde' })) as {
      status: string;
      target?: string;
    };
    assert.deepEqual(exists, { status: 'exists', target, message: `${target} existe déjà et diffère de ce fichier : le remplacer ?` });
    assert.equal(readFileSync(target, 'utf8'), other, 'not replaced');

    const done = (await c.conn.sendRequest('segur/useAsTemplate', { uri: blank.uri, sons: 'IMG-RIS-Va2', kind: 'solde', overwrite: true })) as Record<
      string,
      unknown
    >;
    assert.equal(done.status, 'done', JSON.stringify(done));
    assert.equal(done.setFolder, false, 'the folder already set is kept');
    assert.equal(done.copiedTo, target);
    assert.equal(readFileSync(target, 'utf8'), readFileSync(BLANK, 'utf8'));
    // No setting changes: the server reads the folder again by itself.
    const after = await until(c, solde.uri, (codes) => codes.includes('S3/missing-tag'), 'the solde against the copied template');
    assert.deepEqual(provenances(after), ['template']);
  } finally {
    await c.stop();
  }
});

test('refused: a filled file, an unknown SONS id, a client without commands gets no action', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-blank-ws-'));
  const blankPath = join(ws, 'modele.json');
  copyFileSync(BLANK, blankPath);
  const c = await startClient({ workspace: ws, settings: { segur: { validate: { debounceMs: 10 } } } });
  try {
    const blank = c.open(blankPath);
    const [d] = (await c.waitPush(blank.uri)).diagnostics;
    assert.equal(d.code, 'S1/blank-template');
    assert.deepEqual(await c.codeActions(blank, d.range, [d]), [], 'a client that runs no command: no action');
    const lenses = (await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: blank.uri } })) as {
      command?: { title: string; command: string };
    }[];
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['Modèle officiel vierge'],
    );
    const bad = (await c.conn.sendRequest('segur/useAsTemplate', { uri: blank.uri, sons: 'pas un SONS', kind: 'solde' })) as {
      status: string;
      message: string;
    };
    assert.equal(bad.status, 'error');
    assert.match(bad.message, /^Modèle refusé : SONS inconnu : pas un SONS/);
    const solde = c.open(join(ws, 'solde.json'), readFileSync(SOLDE, 'utf8'));
    const filled = (await c.conn.sendRequest('segur/useAsTemplate', { uri: solde.uri })) as { status: string; message: string };
    assert.equal(filled.status, 'error');
    assert.match(filled.message, /^solde\.json n'est pas un modèle officiel vierge/);
    assert.equal(existsSync(join(ws, 'IMG-RIS-Va2.solde.blank.json')), false, 'nothing written');
  } finally {
    await c.stop();
  }
});
