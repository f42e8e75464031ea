/**
 * Pure helpers of the VS Code client: the rule link rewritten to the rule view, the rule's
 * section taken from docs/rules.html, the solde file name proposed beside its avance, and the SONS picker's items
 * with the current choice marked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { ruleCommandLink, ruleIdFromHref, ruleList, ruleSection, ruleWebviewHtml } from '../../client/src/ruleView';
import { soldePathFor, writeSolde } from '../../client/src/solde';
import { sonsPickItems } from '../../client/src/sonsPicker';
import { clientL10n } from '../helpers/l10n';
import { SONS_TABLE, RULES, PROJECT_RULES } from '../../server/src/segur';

const root = join(__dirname, '..', '..');

test('rule links: the server\'s link to docs/rules.html#s5 becomes command:segur.showRule?["S5"]; other links are left alone', () => {
  assert.equal(ruleIdFromHref('file:///ext/docs/rules.html#s5'), 'S5');
  assert.equal(ruleIdFromHref('file:///ext/docs/rules.en.html#c1'), 'C1');
  assert.equal(ruleIdFromHref('file:///c%3A/ext/docs/rules.md#i4'), 'I4');
  assert.equal(ruleIdFromHref('https://example.invalid/other#s5'), undefined);
  assert.equal(ruleIdFromHref('file:///ext/docs/rules.html'), undefined);
  const link = ruleCommandLink('S5');
  assert.equal(link, 'command:segur.showRule?%5B%22S5%22%5D');
  assert.deepEqual(JSON.parse(decodeURIComponent(link.split('?')[1])), ['S5']);
});

test("rule view: each rule's section of docs/rules.html, rendered without {placeholder}, no script, nothing from elsewhere", () => {
  for (const lang of ['fr', 'en'] as const) {
    const html = readFileSync(join(root, 'docs', lang === 'fr' ? 'rules.html' : 'rules.en.html'), 'utf8');
    const ids = [...RULES, ...PROJECT_RULES].map((r) => r.meta.id);
    assert.deepEqual(
      ruleList(html).map((r) => r.id),
      ids,
    );
    for (const id of ids) {
      const section = ruleSection(html, id);
      assert.ok(section, `${lang} ${id}`);
      assert.match(section, new RegExp(`<h2>${id} — `));
      const page = ruleWebviewHtml(section, clientL10n(lang), 'vscode-resource:');
      assert.doesNotMatch(page, /\{\w+\}|<script|\b(src|href)="/, `${lang} ${id}`);
      assert.match(page, /Content-Security-Policy" content="default-src 'none'/);
    }
    assert.equal(ruleSection(html, 'Z9'), undefined);
  }
});

test('solde file name: <avance name>-solde.json beside the avance, numbered when it exists', () => {
  assert.equal(
    soldePathFor('/w/IMG-RIS-Va2/avance.json', () => false),
    '/w/IMG-RIS-Va2/avance-solde.json',
  );
  assert.equal(
    soldePathFor('/w/demandes/pfi-avance.JSON', () => false),
    '/w/demandes/pfi-avance-solde.json',
  );
  assert.equal(
    soldePathFor('C:\\w\\ris avance.json', () => false, win32),
    'C:\\w\\ris avance-solde.json',
  );
  // A folder whose name starts with two dots is a folder like any other.
  assert.equal(
    soldePathFor('/w/..x/avance.json', () => false, posix),
    '/w/..x/avance-solde.json',
  );
  assert.equal(
    soldePathFor('C:\\w\\..x\\avance.json', () => false, win32),
    'C:\\w\\..x\\avance-solde.json',
  );
  const taken = new Set(['/w/a-solde.json', '/w/a-solde-2.json']);
  assert.equal(
    soldePathFor('/w/a.json', (p) => taken.has(p)),
    '/w/a-solde-3.json',
  );
});

test('SONS picker: automatic detection is marked « actuel » (with what was detected) until a choice is made, then the choice is', () => {
  const table = SONS_TABLE.sons.map((s) => ({ id: s.id, kinds: s.kinds }));
  const auto = sonsPickItems(table, { detected: { sons: 'IMG-RIS-Va2', kind: 'solde' } }, clientL10n('fr'));
  assert.equal(auto.length, 1 + table.reduce((n, s) => n + s.kinds.length, 0));
  assert.deepEqual(
    auto.filter((i) => i.current).map((i) => [i.label, i.description]),
    [['Détection automatique', 'actuel — IMG-RIS-Va2 solde']],
  );
  assert.deepEqual(
    auto.filter((i) => i.description === 'détecté').map((i) => i.label),
    ['IMG-RIS-Va2 solde'],
  );
  const chosen = sonsPickItems(
    table,
    { override: { sons: 'HOP-DPI-Va2', kind: 'avance' }, detected: { sons: 'HOP-DPI-Va2', kind: 'avance' } },
    clientL10n('en'),
  );
  assert.deepEqual(
    chosen.filter((i) => i.current).map((i) => [i.label, i.description, i.sons, i.kind]),
    [['HOP-DPI-Va2 avance', 'current', 'HOP-DPI-Va2', 'avance']],
  );
  assert.equal(chosen[0].description, undefined);
});

test('the created solde: a local file written atomically, another scheme through the editor, the avance never replaced, a failure named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-solde-write-'));
  const avance = join(dir, 'avance.json');
  writeFileSync(avance, '{"avance": true}');
  const target = { scheme: 'file', fsPath: join(dir, 'avance-solde.json') };
  assert.equal(await writeSolde(target, '{"solde": true}', () => assert.fail('local files are written here'), clientL10n('fr'), avance), undefined);
  assert.equal(readFileSync(target.fsPath, 'utf8'), '{"solde": true}');
  // The avance itself, or a hard link to it, chosen in the save dialog: refused, the avance kept.
  linkSync(avance, join(dir, 'hard.json'));
  for (const p of [avance, join(dir, 'hard.json')]) {
    assert.match((await writeSolde({ scheme: 'file', fsPath: p }, 'solde', () => assert.fail(), clientL10n('fr'), avance))!, /est l'avance elle-même/);
    assert.match((await writeSolde({ scheme: 'file', fsPath: p }, 'solde', () => assert.fail(), clientL10n('en'), avance))!, /is the avance itself/);
  }
  assert.equal(readFileSync(avance, 'utf8'), '{"avance": true}');
  let other: Uint8Array | undefined;
  assert.equal(await writeSolde({ scheme: 'vscode-remote', fsPath: '/x/s.json' }, 'é', async (b) => void (other = b), clientL10n('fr')), undefined);
  assert.deepEqual([...other!], [0xc3, 0xa9]);
  if (existsSync('/dev/full')) {
    const full = (locale: 'fr' | 'en') => writeSolde({ scheme: 'file', fsPath: '/dev/full' }, 'x'.repeat(10000), () => assert.fail(), clientL10n(locale));
    assert.equal(await full('fr'), "impossible d'écrire /dev/full : disque plein (ENOSPC)");
    assert.equal(await full('en'), 'cannot write /dev/full: disk full (ENOSPC)');
  }
  assert.deepEqual(readdirSync(dir).sort(), ['avance-solde.json', 'avance.json', 'hard.json']);
});
