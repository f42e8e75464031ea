/**
 * Provenance in the editor, through a real LSP client: every diagnostic carries its provenance in
 * `data` (with its fix, when it has one, still offered as a quick fix), a `model` one is a warning whose message ends
 * with « [modélisé] » (« [modelled] »), `segur.modelled.severity` changes its severity, a rule's severity in
 * `segur.rules` wins; hover gives a key's provenance (and its values' when they differ) in the findings' words.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClient, root, type Client, type ClientOptions } from '../helpers/lsp-client.ts';

const clients: Client[] = [];
after(async () => {
  for (const c of clients) await c.stop();
});
async function client(opts: Omit<ClientOptions, 'pull'> = {}): Promise<Client> {
  const c = await startClient({ pull: true, ...opts });
  clients.push(c);
  return c;
}

const fixture = join(root, 'test', 'fixtures', 'IMG-RIS-Va2', 'S7-order.json');
const text = readFileSync(fixture, 'utf8');
const fileIn = (name: string) => join(mkdtempSync(join(tmpdir(), 'segur-prov-')), name);

test('data.provenance on every diagnostic, « [modélisé] » and a warning for a model one; its fix is still a quick fix', async () => {
  const c = await client({ locale: 'fr' });
  const doc = c.open(fileIn('IMG-RIS-Va2-solde.json'), text);
  const s7 = (await c.pull(doc.uri)).filter((d) => d.code === 'S7');
  assert.deepEqual(
    s7.map((d) => [d.severity, (d.data as { provenance: unknown }).provenance]),
    [
      [2, { kind: 'model' }],
      [1, { kind: 'source', sources: ['004', '000'] }],
    ],
  );
  assert.match(
    String(s7[0].message),
    /\(structure modélisée : à vérifier sur le modèle officiel de l'ASP — `segur-json learn-template`, réglage `segur.templates.folder`\)\. \[modélisé\]$/,
  );
  assert.doesNotMatch(String(s7[1].message), /modélis/);
  for (const d of s7) {
    const actions = await c.codeActions(doc, d.range, [d]);
    assert.ok(
      actions.some((a) => a.title === "Remettre les balises dans l'ordre du modèle" && a.kind === 'quickfix'),
      `quick fix for ${String(d.message)}`,
    );
  }
  // A diagnostic without a fix has data too (its provenance) and is not offered a fix.
  const other = c.open(fileIn('IMG-RIS-Va2-solde.json'), readFileSync(join(root, 'test', 'fixtures', 'IMG-RIS-Va2', 'S13-solde-without-number.json'), 'utf8'));
  const s13 = (await c.pull(other.uri)).find((d) => String(d.code).startsWith('S13'))!;
  assert.deepEqual((s13.data as { provenance: unknown }).provenance, { kind: 'source', sources: ['004'] });
  assert.deepEqual(
    (await c.codeActions(other, s13.range, [s13])).filter((a) => a.kind === 'quickfix'),
    [],
  );
});

test('in English: « [modelled] »', async () => {
  const c = await client({ locale: 'en' });
  const doc = c.open(fileIn('IMG-RIS-Va2-solde.json'), text);
  const s7 = (await c.pull(doc.uri)).find((d) => d.code === 'S7')!;
  assert.match(
    String(s7.message),
    /\(modelled structure: check against the official ASP template — `segur-json learn-template`, setting `segur.templates.folder`\)\. \[modelled\]$/,
  );
});

test("segur.modelled.severity: error keeps the rule's severity, off hides model findings; segur.rules wins", async () => {
  const strict = await client({ settings: { segur: { modelled: { severity: 'error' } } } });
  const a = strict.open(fileIn('IMG-RIS-Va2-solde.json'), text);
  assert.deepEqual(
    (await strict.pull(a.uri)).filter((d) => d.code === 'S7').map((d) => d.severity),
    [1, 1],
  );
  const off = await client({ settings: { segur: { modelled: { severity: 'off' } } } });
  const b = off.open(fileIn('IMG-RIS-Va2-solde.json'), text);
  assert.deepEqual(
    (await off.pull(b.uri)).filter((d) => d.code === 'S7').map((d) => d.severity),
    [1],
  );
  const rules = await client({ settings: { segur: { modelled: { severity: 'off' }, rules: { S7: 'information' } } } });
  const d = rules.open(fileIn('IMG-RIS-Va2-solde.json'), text);
  assert.deepEqual(
    (await rules.pull(d.uri)).filter((x) => x.code === 'S7').map((x) => x.severity),
    [3, 3],
  );
});

test('hover: a modelled key says how to check it; a key of seed 000 whose values are modelled says both', async () => {
  const c = await client({ locale: 'fr' });
  const ex = readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8');
  const doc = c.open(fileIn('IMG-RIS-Va2-solde.json'), ex);
  const hover = async (needle: string) =>
    (
      (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: doc.positionAt(ex.indexOf(needle) + 2) })) as {
        contents: { value: string };
      }
    ).contents.value;
  assert.match(
    await hover('"numLigne"'),
    /Provenance : \*\*modélisée\*\* \(absente des sources publiques\) : à vérifier sur le modèle officiel de l'ASP — `segur-json learn-template`, réglage `segur.templates.folder`/,
  );
  const activity = await hover('"typeActivite"');
  assert.match(activity, /Provenance : confirmée par la source « webinaire ANS\/ASP du 28\/04\/2026/);
  assert.match(activity, /Provenance des valeurs : \*\*modélisée\*\*/);
});
