/**
 * The overview of a file: requests, total excl. VAT per VAT regime, errors, lines with the portal's
 * answer (rule S13/portal-answer, sources 002/csv2json), read from the engine's summary by meaning (`x-role`), and
 * how its figures read in a label (the words themselves: test/protocol/labels.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, getSchema } from '../../../server/src/segur.ts';
import { overview, addOverviews } from '../../../server/src/engine/assist/overview.ts';
import { overviewLabel, totalsLabel } from '../../../server/src/protocol/labels.ts';
import type { SchemaNode } from '../../../server/src/engine/schema/schemaData.ts';

const root = join(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const TODAY = new Date(Date.UTC(2026, 10, 23));

/** The amounts of a file, read independently of the engine (JSON.parse and the key names of the examples). */
function amounts(text: string): { regime?: string; rate?: number; amount: number }[] {
  const doc = JSON.parse(text) as {
    lignesImport: {
      commande?: { regimeTVA?: string; tauxTVA?: number; montantSegurHT?: number };
      facture?: { montantPrestationPrincipaleSegurHTFacture?: number };
    }[];
  };
  return doc.lignesImport.map((l) => ({
    regime: l.commande?.regimeTVA,
    rate: l.commande?.tauxTVA,
    amount: l.commande?.montantSegurHT ?? l.facture?.montantPrestationPrincipaleSegurHTFacture ?? NaN,
  }));
}

test('overview of every example: its requests, its total excl. VAT (summed in cents), no error', () => {
  for (const p of ['IMG-RIS-Va2/avance', 'IMG-RIS-Va2/solde', 'HOP-DPI-Va2/avance', 'MDV-LGC-Va1/avance', 'IMG-DB-Va2/solde']) {
    const text = read(`examples/${p}.json`);
    const o = overview(check(text, { fileName: `examples/${p}.json`, today: TODAY }));
    const want = amounts(text);
    assert.equal(o.requests, want.length, p);
    assert.equal(o.errors, 0, p);
    assert.equal(o.portalAnswers, 0, p);
    const total = want.reduce((s, a) => s + Math.round(a.amount * 100), 0) / 100;
    assert.equal(
      o.totals.reduce((s, t) => s + t.totalHT, 0),
      total,
      p,
    );
    assert.equal(o.sons, p.split('/')[0]);
  }
});

test('overview: one total per VAT regime (rule S11 fixture with two regimes), in the order of the file', () => {
  const text = read('test/fixtures/HOP-DPI-Va2/S11-mixed-vat.json');
  const o = overview(check(text, { today: TODAY }));
  const want = amounts(text);
  const regimes = [...new Set(want.map((a) => `${a.regime} ${a.rate}`))];
  assert.ok(regimes.length >= 2);
  assert.deepEqual(
    o.totals.map((t) => `${t.regime} ${t.rate}`),
    regimes,
  );
  for (const t of o.totals) {
    const sum = want.filter((a) => a.regime === t.regime && a.rate === t.rate).reduce((s, a) => s + Math.round(a.amount * 100), 0) / 100;
    assert.equal(t.totalHT, sum);
  }
  assert.ok(o.errors >= 1, 'the S11 error is counted');
  assert.match(totalsLabel(o.totals, 'fr'), /€ HT \(TTC 20\u00a0%\) \+ /);
});

test('overview: the lines with a portal answer (S13/portal-answer fixture: 2 of 3 lines), kind output', () => {
  const o = overview(check(read('test/fixtures/IMG-RIS-Va2/S13-portal-answer.json'), { today: TODAY }));
  assert.equal(o.kind, 'output');
  assert.equal(o.requests, 3);
  assert.equal(o.portalAnswers, 2);
  assert.match(overviewLabel(o, 'fr'), /· 2 réponses du portail · IMG-RIS-Va2 avance \(JSON de sortie\)$/);
  assert.match(overviewLabel(o, 'en'), /· 2 portal answers · IMG-RIS-Va2 avance \(output JSON\)$/);
});

test('the portal answer is read by meaning: without the x-role portalCode/portalLabel on the template, no answer', () => {
  const text = read('test/fixtures/IMG-RIS-Va2/S13-portal-answer.json');
  const template = structuredClone(getSchema('IMG-RIS-Va2', 'avance')) as SchemaNode;
  const line = ((template.properties as Record<string, SchemaNode>).lignesImport.items as SchemaNode).properties as Record<string, SchemaNode>;
  assert.equal(line.codeTraitement['x-role'], 'portalCode');
  assert.equal(line.libelleTraitement['x-role'], 'portalLabel');
  delete line.codeTraitement['x-role'];
  delete line.libelleTraitement['x-role'];
  const r = check(text, { template, today: TODAY });
  assert.equal(overview(r).portalAnswers, 0);
  assert.deepEqual(
    r.findings.filter((f) => f.code === 'S13/portal-answer'),
    [],
  );
});

test('overview: errors include the findings given (those across files), broken syntax has no request count', () => {
  const r = check(read('test/fixtures/IMG-RIS-Va2/S12-broken.json'), { today: TODAY });
  const o = overview(r);
  assert.equal(o.requests, undefined);
  assert.equal(o.errors, r.findings.filter((f) => f.severity === 'error').length);
  const more = overview(r, [
    ...r.findings,
    { code: 'C1', severity: 'error', message: { fr: '', en: '' }, offset: 0, length: 1, provenance: { kind: 'source', sources: ['002'] } },
  ]);
  assert.equal(more.errors, o.errors + 1);
  assert.doesNotMatch(overviewLabel(o, 'fr'), /demande/);
});

test('overviews add up per SONS: totals of the same regime summed in cents', () => {
  const a = overview(check(read('examples/IMG-RIS-Va2/avance.json'), { today: TODAY }));
  const sum = addOverviews([a, a, a]);
  assert.equal(sum.requests, 3 * a.requests!);
  assert.equal(sum.totals.length, a.totals.length);
  assert.equal(sum.totals[0].totalHT, Math.round(a.totals[0].totalHT * 300) / 100);
});
