/**
 * The vocabulary of key meanings (schemas/vocabulary.json, docs/schema-format.md « Vocabulaire »).
 * - The bundled annotations are derived from it at build time (scripts/vocabulary.mjs) and give what the hand-written
 *   ones gave (test/vocabulary/annotations-before.json: every `x-check` / `x-role` / `x-rule` of
 *   server/generated/schemas.json before the vocabulary), plus the roles rules now read by meaning.
 * - The build refuses a hand annotation that the vocabulary derives, contradicts or does not know.
 * - Build time and learn time (server/src/engine/schema/vocabulary.ts) read the same meanings from a key name.
 * - Every `x-check` has a handler registered by a rule (`visitors.checks`), every `x-role` a reader, every `x-rule`
 *   a rule: a typo in the vocabulary fails here instead of silently disabling a check.
 * - No rule file names a key of a bundled schema: rules read meanings (x-check, x-role), not corridor key names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, PROJECT_RULES } from '../../../server/src/rules/catalogue.ts';
import type { RuleContext } from '../../../server/src/engine/rule-api.ts';
import { meaningsOfKey, annotationsForKey, keyMeans, VOCABULARY } from '../../../server/src/engine/schema/vocabulary.ts';
// @ts-expect-error plain ES module of the build (no types)
import { annotate, compileVocabulary, meaningsOfKey as buildMeanings } from '../../../scripts/vocabulary.mjs';

const root = join(__dirname, '..', '..', '..');
const schemas = JSON.parse(readFileSync(join(root, 'server', 'generated', 'schemas.json'), 'utf8')) as Record<string, Node>;
const vocabulary = JSON.parse(readFileSync(join(root, 'schemas', 'vocabulary.json'), 'utf8'));
const before = JSON.parse(readFileSync(join(root, 'test', 'vocabulary', 'annotations-before.json'), 'utf8')) as Record<
  string,
  Record<string, Record<string, string>>
>;

type Node = { properties?: Record<string, Node>; items?: Node; type?: string | string[]; [k: string]: unknown };
const SLOTS = ['x-check', 'x-role', 'x-rule'];

function annotationsOf(schema: Node): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const walk = (n: Node | undefined, ptr: string) => {
    if (!n || typeof n !== 'object') return;
    const a: Record<string, string> = {};
    for (const s of SLOTS) if (typeof n[s] === 'string') a[s] = n[s] as string;
    if (ptr && Object.keys(a).length > 0) out[ptr] = a;
    for (const [k, v] of Object.entries(n.properties ?? {})) walk(v, `${ptr}/${k}`);
    if (n.items) walk(n.items, `${ptr}/[]`);
  };
  walk(schema, '');
  return out;
}

function propertyNames(): Set<string> {
  const keys = new Set<string>();
  const walk = (n: Node | undefined) => {
    if (!n || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n.properties ?? {})) {
      keys.add(k);
      walk(v);
    }
    if (n.items) walk(n.items);
  };
  for (const s of Object.values(schemas)) walk(s);
  return keys;
}

test('the derived annotations are those of the hand-written schemas, plus the roles read by meaning', () => {
  const added: string[] = [];
  for (const [id, schema] of Object.entries(schemas)) {
    const now = annotationsOf(schema);
    for (const [ptr, a] of Object.entries(before[id] ?? {}))
      assert.deepEqual(Object.fromEntries(Object.entries(now[ptr] ?? {}).filter(([s]) => a[s] !== undefined)), a, `${id} ${ptr}`);
    for (const [ptr, a] of Object.entries(now))
      for (const [s, v] of Object.entries(a)) if (before[id]?.[ptr]?.[s] === undefined) added.push(`${ptr.split('/').pop()} ${s}=${v}`);
  }
  assert.deepEqual([...new Set(added)].sort(), [
    'dateCommande x-role=orderDate',
    'formatFichier x-role=fileFormat',
    'numLigne x-role=numLigne',
    'typeActivite x-role=activity',
  ]);
  assert.equal(Object.keys(before).length, Object.keys(schemas).length);
});

test('the build refuses a hand annotation that the vocabulary derives, contradicts or does not know', () => {
  const schema = (props: Record<string, Node>) => ({ 'segur:x': { type: 'object', properties: props } });
  assert.throws(() => annotate(schema({ dateFacture: { type: 'string', 'x-check': 'date' } }), vocabulary), /x-check "date" is derived from the vocabulary/);
  assert.throws(
    () => annotate(schema({ dateFacture: { type: 'string', 'x-check': 'amount' } }), vocabulary),
    /x-check "amount" contradicts the vocabulary \("date"/,
  );
  assert.throws(() => annotate(schema({ reference: { type: 'string', 'x-role': 'editeurr' } }), vocabulary), /x-role "editeurr" is not a meaning/);
  // A key whose name carries nothing keeps a known explicit meaning; a boolean `isDirectToMSSPro` is no MSS address.
  const ok = schema({
    reference: { type: 'string', 'x-role': 'editeur' },
    isDirectToMSSPro: { type: 'boolean' },
    FINESGeos: { type: 'array', items: { type: 'string' } },
  });
  annotate(ok, vocabulary);
  const p = ok['segur:x'].properties as Record<string, Node>;
  assert.equal(p.reference['x-role'], 'editeur');
  assert.equal(p.isDirectToMSSPro['x-check'], undefined);
  assert.deepEqual(
    [p.FINESGeos['x-role'], p.FINESGeos['x-check'], p.FINESGeos.items!['x-check'], p.FINESGeos.items!['x-role'], p.FINESGeos.items!['x-rule']],
    ['id:finessGeo', undefined, 'finess', 'id:finessGeo', 'I1'],
  );
});

test('build time and learn time read the same meanings from every bundled key and from renamed ones', () => {
  const compiled = compileVocabulary(vocabulary);
  const keys = [
    ...propertyNames(),
    'finessGeographique',
    'numeroFinessJuridique',
    'FinessPMSI',
    'rppsPraticien',
    'sirenEtablissement',
    'dateSignatureCommande',
    'montantHT',
    'regimeTVAClient',
    'mailContact',
    'telContact',
    'medecinLiberaux',
  ];
  for (const k of keys) {
    const a = meaningsOfKey(k).map((m) => [m.meaning.id, m.variant?.id, m.annotations]);
    const b = (buildMeanings(compiled, k) as { meaning: { id: string }; variant?: { id: string }; annotations: unknown }[]).map((m) => [
      m.meaning.id,
      m.variant?.id,
      m.annotations,
    ]);
    assert.deepEqual(a, b, k);
  }
  assert.deepEqual(meaningsOfKey('finessGeographique')[0].annotations, { 'x-check': 'finess', 'x-role': 'id:finessGeo', 'x-rule': 'I1' });
  assert.deepEqual(meaningsOfKey('FINESSPMSI')[0].annotations['x-role'], 'id:finessPmsi');
  assert.deepEqual(
    meaningsOfKey('nomStructure').map((m) => m.meaning.id),
    ['structureName'],
  );
  assert.ok(keyMeans('medecinsLiberaux', 'liberalDoctors'));
  assert.ok(!keyMeans('Etablissements', 'liberalDoctors'));
  // The example's value confirms the meaning: 9 digits or 2A/2B for a FINESS, JJ/MM/AAAA for a date, a number for an amount.
  assert.equal(annotationsForKey('finessGeographique', { type: ['string', 'null'] }, '2A0000011').node['x-check'], 'finess');
  assert.equal(annotationsForKey('finessGeographique', { type: ['string', 'null'] }, 'abc').node['x-check'], undefined);
  assert.equal(annotationsForKey('dateFacture', { type: ['string', 'null'] }, '2025-10-14').node['x-check'], undefined);
  assert.equal(annotationsForKey('dateFacture', { type: ['string', 'null'] }, '14/10/2025').node['x-check'], 'date');
  assert.equal(annotationsForKey('montantTTC', { type: ['number', 'null'] }, 12.5).node['x-check'], 'amount');
  assert.equal(annotationsForKey('montantTTC', { type: ['string', 'null'] }, '12.5').node['x-check'], undefined);
  assert.deepEqual(annotationsForKey('finessGeos', { type: 'array', items: { type: 'string' } }, ['010000024']).items['x-check'], 'finess');
});

/** A rule context that lets `create` run without a document (handlers are registered, never called). */
const fakeContext: RuleContext = {
  text: '',
  detection: { segur: true, kind: 'avance', sons: 'HOP-DPI-Va2', corridor: 'HOP' } as unknown as RuleContext['detection'],
  sons: undefined,
  schema: undefined,
  today: new Date('2025-12-01T00:00:00Z'),
  client: 'cli',
  summary: () => undefined,
  attachment: () => undefined,
  report: () => undefined,
};

function handledChecks(): Set<string> {
  const out = new Set<string>();
  for (const r of RULES) for (const name of Object.keys(r.create(fakeContext).checks ?? {})) out.add(name);
  return out;
}

/** The vocabulary's `x-check` values that no rule handles. */
function unhandled(v: { meanings: { 'x-check'?: string; variants?: { 'x-check'?: string }[] }[] }): string[] {
  const handled = handledChecks();
  return v.meanings
    .flatMap((m) => [m, ...(m.variants ?? [])])
    .map((m) => m['x-check'])
    .filter((c): c is string => c !== undefined && !handled.has(c));
}

/** String literals of a TypeScript source, comments and `L('…', '…')` message texts left out. */
function literals(source: string): string[] {
  const text = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\bL\(\s*(['"`])(?:\\.|(?!\1)[\s\S])*\1\s*,\s*(['"`])(?:\\.|(?!\2)[\s\S])*\2\s*\)/g, 'L()');
  const out: string[] = [];
  const re = /(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[2]);
  return out;
}

const sourceFiles = (dir: string): { f: string; text: string }[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(`${dir}/${e.name}`)
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [{ f: `${dir}/${e.name}`, text: readFileSync(join(root, dir, e.name), 'utf8') }]
        : [],
  );

test('every x-check of the vocabulary has a rule handler; a typo in the vocabulary is caught', () => {
  assert.deepEqual(unhandled(vocabulary), []);
  const typo = structuredClone(vocabulary);
  typo.meanings.find((m: { id: string }) => m.id === 'finess')['x-check'] = 'finesss';
  assert.deepEqual(unhandled(typo), ['finesss']);
});

test('every x-role of the vocabulary has a reader, every x-rule is a rule, every meaning without annotation is read', () => {
  const code = [...sourceFiles('server/src/rules'), ...sourceFiles('server/src/engine').filter((s) => !s.f.endsWith('/vocabulary.ts'))];
  const read = new Set(code.flatMap((s) => literals(s.text)));
  // A beneficiary attribute read by role through data: schemas/sons.json uniqueness `per` (U2: one RIS order per activity).
  const sons = JSON.parse(readFileSync(join(root, 'schemas', 'sons.json'), 'utf8'));
  for (const s of sons.sons) for (const u of s.uniqueness ?? []) if (u.per) read.add(u.per);
  const ruleIds = new Set([...RULES, ...PROJECT_RULES].map((r) => r.meta.id));
  for (const m of VOCABULARY) {
    for (const x of [m, ...(m.variants ?? [])]) {
      if (x['x-role'] !== undefined) assert.ok(read.has(x['x-role']), `x-role ${x['x-role']} (${x.id}): no reader in server/src`);
      if (x['x-rule'] !== undefined) assert.ok(ruleIds.has(x['x-rule']), `x-rule ${x['x-rule']} (${x.id}) is no rule`);
    }
    if (m['x-check'] === undefined && m['x-role'] === undefined && !(m.variants ?? []).length) assert.ok(read.has(m.id), `meaning ${m.id}: nothing reads it`);
  }
});

test('no rule file names a key of a bundled schema (rules read meanings)', () => {
  const keys = propertyNames();
  // Words of the rule API and of the vocabulary that happen to be key names too: the engine's stage `structure`,
  // the vocabulary's meaning, check and role names (`siret`, `numeroAns`, `numLigne`: what a key means, not a key).
  const allowed = new Set(['structure']);
  for (const m of VOCABULARY) for (const x of [m, ...(m.variants ?? [])]) for (const v of [x.id, x['x-check'], x['x-role']]) if (v) allowed.add(v);
  const offenders: string[] = [];
  for (const { f, text } of sourceFiles('server/src/rules'))
    for (const lit of literals(text)) if (keys.has(lit) && !allowed.has(lit)) offenders.push(`${f}: '${lit}'`);
  assert.deepEqual(offenders, []);
  // The scan does see a key literal.
  assert.deepEqual(literals("const x = getPropertyValue(v.node, 'numeroEditeur'); L('numeroEditeur', 'x');"), ['numeroEditeur']);
});
