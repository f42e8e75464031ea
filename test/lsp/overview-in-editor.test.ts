/**
 * The file's overview over a real LSP client on stdio (`segur-json lsp --stdio`): the CodeLens at the top of a Ségur file
 * (« 3 demandes · 74 483,33 € HT · 0 erreur · IMG-RIS-Va2 avance »), the error count of the status bar's
 * `segur/detection` payload, the summary per SONS of `segur/checkFiles`, the portal's answer of an output JSON
 * (S13/portal-answer, sources 002/csv2json: an information quoting libelleTraitement, counted by the CodeLens), and « Documentation de la règle S5 » offered on a diagnostic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { root, startClient, uriOf, type Client } from '../helpers/lsp-client.ts';

const fixture = (p: string) => join(root, 'test', 'fixtures', p);
const example = (p: string) => join(root, 'examples', p);
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** Sum of the amounts of a file, read without the engine (JSON.parse, the example's key names), in French. */
function frenchTotal(file: string): string {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    lignesImport: { commande?: { montantSegurHT: number }; facture?: { montantPrestationPrincipaleSegurHTFacture: number } }[];
  };
  const cents = doc.lignesImport.reduce(
    (s, l) => s + Math.round((l.commande?.montantSegurHT ?? l.facture!.montantPrestationPrincipaleSegurHTFacture) * 100),
    0,
  );
  const [int, dec] = (cents / 100).toFixed(2).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${dec} €`;
}

async function lenses(c: Client, uri: string, pred: (l: CodeLens[]) => boolean = () => true): Promise<CodeLens[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const got = ((await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[] | null) ?? [];
    if (pred(got) || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('CodeLens at the top of a Ségur file: requests, total excl. VAT, errors, SONS and kind (French and English); none on another JSON', async () => {
  const fr = await startClient({ initializationOptions: { commands: true } });
  const en = await startClient({ locale: 'en' });
  try {
    const avance = example('IMG-RIS-Va2/avance.json');
    const doc = fr.open(avance);
    const [lens, ...more] = await lenses(fr, doc.uri, (l) => l.length > 0);
    assert.deepEqual(more, []);
    assert.deepEqual(lens.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(plain(lens.command!.title), `3 demandes · ${frenchTotal(avance)} HT · 0 erreur · IMG-RIS-Va2 avance`);
    assert.equal(lens.command!.command, 'workbench.actions.view.problems', 'a VS Code client: the click opens the Problems panel');

    const broken = fr.open(fixture('IMG-RIS-Va2/S5-plural.json'));
    const [b] = await lenses(fr, broken.uri, (l) => l.length > 0);
    assert.match(plain(b.command!.title), /^3 demandes · [\d ]+,\d\d € HT · 2 erreurs · IMG-RIS-Va2 solde$/);

    const other = fr.open(join(root, 'package.json'));
    assert.deepEqual(await lenses(fr, other.uri), [], 'no CodeLens on a JSON file that is not a Ségur file');

    const e = en.open(avance);
    const [l] = await lenses(en, e.uri, (x) => x.length > 0);
    assert.match(l.command!.title, /^3 requests · €[\d,]+\.\d\d excl\. VAT · 0 errors · IMG-RIS-Va2 avance$/);
    assert.equal(l.command!.command, '', 'a client that did not say it runs VS Code commands gets a lens without command');
  } finally {
    await fr.stop();
    await en.stop();
  }
});

test('the status bar payload (segur/detection) carries the error count, the findings across files included (C1 against the avance)', async () => {
  const c = await startClient({ codeLensRefresh: true });
  try {
    const solde = c.open(join(root, 'test', 'pairs', 'C1-editeur-differs', 'solde.json'));
    await c.waitPush(solde.uri, (p) => p.diagnostics.length > 0);
    const last = () =>
      c.detections
        .get(solde.uri)
        ?.filter((p) => (p as { overview?: unknown }).overview)
        .at(-1) as { detection: { sons: string; kind: string }; overview: { errors: number; requests: number } } | undefined;
    const alone = last()!;
    assert.equal(alone.detection.kind, 'solde');
    const before = alone.overview.errors;
    // The avance opened beside it: C1 (same éditeur number as the avance, source 004) adds an error to the solde.
    const avance = c.open(join(root, 'test', 'pairs', 'C1-editeur-differs', 'avance.json'));
    await c.waitPush(solde.uri, (p) => p.diagnostics.some((d) => d.code === 'C1'));
    const deadline = Date.now() + 5000;
    while (last()!.overview.errors === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(last()!.overview.errors, before + 1, 'the C1 error is counted');
    const count = `· ${before + 1} ${before + 1 > 1 ? 'erreurs' : 'erreur'} ·`;
    const [lens] = await lenses(c, solde.uri, (l) => l.length > 0 && l[0].command!.title.includes(count));
    assert.ok(lens.command!.title.includes(count), lens.command!.title);
    while (c.lensRefreshes() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(c.lensRefreshes() > 0, 'the server asked for the CodeLenses again when the error count changed');
    assert.ok(avance.uri);
  } finally {
    await c.stop();
  }
});

test("the portal's answer in an output JSON: an information diagnostic quoting libelleTraitement on that line, counted by the CodeLens, never logged", async () => {
  const c = await startClient();
  try {
    const file = fixture('IMG-RIS-Va2/S13-portal-answer.json');
    const text = readFileSync(file, 'utf8');
    const doc = c.open(file);
    const pushed = await c.waitPush(doc.uri, (p) => p.diagnostics.length > 0);
    const answers = pushed.diagnostics.filter((d: Diagnostic) => d.code === 'S13/portal-answer');
    assert.equal(answers.length, 2, JSON.stringify(pushed.diagnostics.map((d) => d.code)));
    for (const d of answers) assert.equal(d.severity, 3, 'information');
    // On the line of the label, quoting it, saying the codes are not public.
    const at = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;
    assert.equal(answers[0].range.start.line, at('"Pièce justificative illisible"'));
    assert.match(plain(String(answers[0].message)), /Réponse du portail ASP sur cette ligne : « Pièce justificative illisible » \(code REJ-12\)/);
    assert.match(plain(String(answers[0].message)), /ne sont pas publics : segur-json cite sa réponse sans l'interpréter/);
    assert.equal(answers[1].range.start.line, at('"Dossier en cours d\'instruction"'));
    assert.equal(answers[0].relatedInformation?.[0]?.location.range.start.line, at('"REJ-12"'), 'the code is pointed at too');
    const [lens] = await lenses(c, doc.uri, (l) => l.length > 0);
    assert.match(plain(lens.command!.title), /^3 demandes · [\d ]+,\d\d € HT · 0 erreur · 2 réponses du portail · IMG-RIS-Va2 avance \(JSON de sortie\)$/);
    await new Promise((r) => setTimeout(r, 100));
    assert.doesNotMatch(c.stderr(), /illisible|instruction|REJ-12/, "the portal's text is never logged");
  } finally {
    await c.stop();
  }
});

test('« Documentation de la règle S5 » on each Ségur diagnostic, for a client that runs segur.showRule', async () => {
  const vscodeLike = await startClient({ initializationOptions: { commands: true } });
  const other = await startClient();
  try {
    for (const [c, expected] of [
      [vscodeLike, true],
      [other, false],
    ] as const) {
      const doc = c.open(fixture('IMG-RIS-Va2/S5-plural.json'));
      const pushed = await c.waitPush(doc.uri, (p) => p.diagnostics.length === 2);
      const d = pushed.diagnostics[0];
      const actions = (await c.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri: doc.uri },
        range: d.range,
        context: { diagnostics: pushed.diagnostics },
      })) as CodeAction[];
      const docs = actions.filter((a) => a.command?.command === 'segur.showRule');
      if (!expected) {
        assert.deepEqual(docs, [], 'not offered to a client without the command');
        continue;
      }
      assert.equal(docs.length, 1, 'one per rule, not one per diagnostic');
      assert.equal(docs[0].title, 'Documentation de la règle S5');
      assert.deepEqual(docs[0].command!.arguments, ['S5']);
      assert.equal(docs[0].kind, 'quickfix');
      assert.ok(!docs[0].isPreferred, 'the fix stays the preferred action');
      assert.ok(
        actions.some((a) => a.isPreferred && a.edit),
        'the quick fix is still there',
      );
    }
  } finally {
    await vscodeLike.stop();
    await other.stop();
  }
});

test('segur/checkFiles answers a summary per SONS and kind: files, requests, total excl. VAT per VAT regime, errors; with progress', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-lsp-summary-'));
  copyFileSync(example('IMG-RIS-Va2/avance.json'), join(dir, 'IMG-RIS-Va2-avance-1.json'));
  copyFileSync(example('IMG-RIS-Va2/avance.json'), join(dir, 'IMG-RIS-Va2-avance-2.json'));
  copyFileSync(fixture('IMG-RIS-Va2/S5-plural.json'), join(dir, 'IMG-RIS-Va2-solde.json'));
  copyFileSync(example('HOP-DPI-Va2/avance.json'), join(dir, 'HOP-DPI-Va2-avance.json'));
  writeFileSync(join(dir, 'package.json'), '{"name": "x"}');
  const c = await startClient({ workspace: dir });
  const progress: { done: number; total: number }[] = [];
  c.conn.onNotification('segur/checkFilesProgress', (p: { progress: string; done: number; total: number }) => {
    if (p.progress === 'p1') progress.push({ done: p.done, total: p.total });
  });
  try {
    const opened = c.open(join(dir, 'HOP-DPI-Va2-avance.json'));
    const names = ['IMG-RIS-Va2-avance-1.json', 'IMG-RIS-Va2-avance-2.json', 'IMG-RIS-Va2-solde.json', 'HOP-DPI-Va2-avance.json', 'package.json'];
    type Row = { sons: string; kind: string; files: number; requests: number; totals: { regime?: string; rate?: number; totalHT: number }[]; errors: number };
    const r = (await c.conn.sendRequest('segur/checkFiles', { uris: names.map((n) => uriOf(join(dir, n))), progress: 'p1' })) as {
      files: number;
      errors: number;
      bySons: Row[];
    };
    assert.equal(r.files, 3, "the three files read from disk (the open one is the editor's)");
    const row = (sons: string, kind: string) => r.bySons.find((x) => x.sons === sons && x.kind === kind)!;
    const ris = row('IMG-RIS-Va2', 'avance');
    assert.equal(ris.files, 2);
    assert.equal(ris.requests, 6);
    const one = JSON.parse(readFileSync(example('IMG-RIS-Va2/avance.json'), 'utf8')).lignesImport.reduce(
      (s: number, l: { commande: { montantSegurHT: number } }) => s + Math.round(l.commande.montantSegurHT * 100),
      0,
    );
    assert.deepEqual(ris.totals, [{ regime: 'TTC', rate: 20, totalHT: (2 * one) / 100, lines: 6 }]);
    assert.ok(ris.errors > 0, 'the two identical avances break uniqueness (U2) against each other');
    assert.equal(row('IMG-RIS-Va2', 'solde').errors >= 2, true, 'the two S5 errors');
    assert.equal(row('HOP-DPI-Va2', 'avance').files, 1, 'the open document is in the summary');
    assert.equal(r.bySons.length, 3, 'package.json is not a Ségur file');
    assert.deepEqual(progress.at(-1), { done: 5, total: 5 }, 'the last progress says all is done');
    assert.ok(opened.uri);
  } finally {
    await c.stop();
  }
});
