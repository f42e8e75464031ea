/**
 * segur.config.json in the editor, over a real LSP client (stdio, `segur-json lsp --stdio`):
 * - its `language` applies to the documents under it: `segur.language` set by the user (fr/en) > the document's nearest
 *   configuration's `language` > the client's display language; the server's global messages keep the settings' or
 *   the client's language;
 * - a client whose `segur` answer is marked EXPLICIT_SETTINGS (the VS Code client: only what the user set) has its
 *   values win over the file even when they equal the defaults, and the keys it leaves out take the file's values;
 *   an unmarked answer keeps the heuristic (a value equal to the default is taken as not set).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { root, startClient, uriOf, within, type Client } from '../helpers/lsp-client.ts';
import { EXPLICIT_SETTINGS, SoldeFromAvanceRequest, type ResultOf } from '../../server/src/protocol/protocol';

const FIXTURE = join(root, 'test/fixtures/IMG-RIS-Va2/S1-unknown-key.json');

/** A workspace: `proj/` with its segur.config.json and a file, `outside/` with the same file and no configuration. */
function workspace(config: Record<string, unknown>): { dir: string; inside: string; outside: string } {
  const dir = mkdtempSync(join(tmpdir(), 'segur-config-lang-'));
  mkdirSync(join(dir, 'proj'));
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'proj', 'segur.config.json'), JSON.stringify(config));
  copyFileSync(FIXTURE, join(dir, 'proj', 'a.json'));
  copyFileSync(FIXTURE, join(dir, 'outside', 'a.json'));
  return { dir, inside: join(dir, 'proj', 'a.json'), outside: join(dir, 'outside', 'a.json') };
}

async function diagnostics(s: Client, file: string): Promise<Diagnostic[]> {
  s.open(file);
  const r = await within(
    s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uriOf(file) } }) as Promise<{ items: Diagnostic[] }>,
    'textDocument/diagnostic',
    20_000,
  );
  return r.items;
}

/** The S1 finding of the fixture: it rests on the bundled model, its message carries the mark of that. */
const s1 = (ds: Diagnostic[]) => ds.find((d) => String(d.code).startsWith('S1/'));
const language = (d: Diagnostic | undefined) => {
  const message = String(d?.message);
  return message.endsWith('[modélisé]') ? 'fr' : message.endsWith('[modelled]') ? 'en' : `? ${message}`;
};

async function actionTitles(s: Client, file: string, ds: Diagnostic[]): Promise<string[]> {
  const d = s1(ds)!;
  const actions = (await within(
    s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(file) }, range: d.range, context: { diagnostics: [d] } }),
    'textDocument/codeAction',
    20_000,
  )) as CodeAction[];
  return actions.map((a) => a.title);
}

test("the configuration's language applies to its documents in the editor; a file outside keeps the client's", async () => {
  const { dir, inside, outside } = workspace({ language: 'en', colour: 'blue' });
  // (A client that runs segur.showRule, as VS Code: the rule's documentation is offered as a code action.)
  const s = await startClient({ pull: true, locale: 'fr', workspace: dir, initializationOptions: { commands: true } });
  try {
    const inDs = await diagnostics(s, inside);
    assert.equal(language(s1(inDs)), 'en', 'the configuration says en');
    const titles = await actionTitles(s, inside, inDs);
    assert.ok(titles.includes('Rule documentation S1'), `code action titles of that document in English: ${titles.join(' | ')}`);
    const outDs = await diagnostics(s, outside);
    assert.equal(language(s1(outDs)), 'fr', 'no configuration: the client is French');
    const outTitles = await actionTitles(s, outside, outDs);
    assert.ok(outTitles.includes('Documentation de la règle S1'), outTitles.join(' | '));
    // A command's answer about a document too (« Créer le JSON de solde » on a file that cannot give one).
    const solde = async (file: string) =>
      ((await s.conn.sendRequest(SoldeFromAvanceRequest.method, { uri: uriOf(file) })) as ResultOf<typeof SoldeFromAvanceRequest>).error;
    const [inError, outError] = [await solde(inside), await solde(outside)];
    assert.ok(inError && outError && inError !== outError, `${inError} | ${outError}`);
    assert.doesNotMatch(inError, /[éè]|fichier|avance n/i, inError);
    // The server's global messages keep the client's language: the configuration's problem is told in French.
    const told = s.messages.filter((m) => m.message.startsWith('segur.config.json'));
    assert.equal(told.length, 1, JSON.stringify(s.messages));
    assert.match(told[0].message, /clé inconnue « colour »/);
  } finally {
    await s.stop();
  }
});

test('segur.language set by the user wins over the configuration', async () => {
  const { dir, inside } = workspace({ language: 'en' });
  for (const settings of [
    { validate: { debounceMs: 20 }, language: 'fr' },
    { validate: { debounceMs: 20 }, language: 'fr', [EXPLICIT_SETTINGS]: true },
  ]) {
    const s = await startClient({ pull: true, locale: 'en', workspace: dir, settings: { segur: settings } });
    try {
      assert.equal(language(s1(await diagnostics(s, inside))), 'fr', JSON.stringify(settings));
    } finally {
      await s.stop();
    }
  }
  // `auto` (the default, or set) is no language: the configuration's applies over the client's French.
  const s = await startClient({
    pull: true,
    locale: 'fr',
    workspace: dir,
    settings: { segur: { validate: { debounceMs: 20 }, language: 'auto', [EXPLICIT_SETTINGS]: true } },
  });
  try {
    assert.equal(language(s1(await diagnostics(s, inside))), 'en');
  } finally {
    await s.stop();
  }
});

test('an answer marked as explicit: modelled.severity "warning" set by the user beats the configuration\'s "off"; unset keys take the file\'s', async () => {
  const { dir, inside } = workspace({ modelled: 'off', rules: { 'S3/null-case': 'off' } });
  const run = async (segur: Record<string, unknown>) => {
    const s = await startClient({ pull: true, locale: 'fr', workspace: dir, settings: { segur: { validate: { debounceMs: 20 }, ...segur } } });
    try {
      return s1(await diagnostics(s, inside));
    } finally {
      await s.stop();
    }
  };
  // Set on purpose to the default: it wins (severity 2, a warning).
  assert.equal((await run({ modelled: { severity: 'warning' }, [EXPLICIT_SETTINGS]: true }))?.severity, 2);
  // Not set (left out of a marked answer): the configuration's `off` applies.
  assert.equal(await run({ [EXPLICIT_SETTINGS]: true }), undefined);
  // An unmarked answer (Neovim…): a value equal to the default is taken as not set, the file's `off` applies.
  assert.equal(await run({ modelled: { severity: 'warning' } }), undefined);
  // …and one that differs from the default is the user's.
  assert.equal((await run({ modelled: { severity: 'information' } }))?.severity, 3);
});
