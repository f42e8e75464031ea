/**
 * The seeds' contradictions, settled (I5 list of RPPS for an MDV structure, pilot soldes, tauxTVA and
 * IdentDMP-in-avance optional, V3 against the published HT ceiling, provenance labels), the modelled value lists
 * loosened to warnings, and the new source checks D1 (deposit windows, 001/004), V6/representative and
 * V8/ht-attestation (004). The fixtures of test/fixtures/ carry the files; here, the boundaries and the data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, getSchema, SONS_TABLE, sonsById } from '../../server/src/segur.ts';
import { checkIdentDmpList } from '../../server/src/identifiers/index.ts';
import { boundInstant, boundText, depositWindow, type DepositWindow } from '../../server/src/rules/D1-deposit-windows.ts';
import { trancheFit, ttcCeilingHT } from '../../server/src/rules/V3-ceilings.ts';
import ceilings from '../../schemas/ceilings.json';
import type { SchemaNode } from '../../server/src/engine/schema/schemaData.ts';

const root = join(__dirname, '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const codesAt = (text: string, today: string, fileName?: string) => check(text, { today: new Date(today), fileName }).findings.map((f) => f.code);

// ---------------------------------------------------------------------------------------------------------------
// I5: « tous les RPPS des médecins exerçant dans la structure » (004), separated by `;` (our model)

test('I5 list: RPPS separated by ";", each key-checked; other separators, blanks and empty items get the corrected list', () => {
  const sep = ';';
  assert.deepEqual(checkIdentDmpList('10100850832;10106282618;10102243788', 'MDV', sep), { ok: true });
  assert.deepEqual(checkIdentDmpList('10100850832', 'MDV', sep), { ok: true }, 'one RPPS is a list of one');
  const badKey = checkIdentDmpList('10003761508;10005355573', 'MDV', sep);
  assert.equal(badKey.ok, false);
  assert.ok(!badKey.ok && badKey.reason === 'key' && /n° 2 de la liste/.test(badKey.hint!), 'the item is named by its rank');
  assert.ok(!badKey.ok && !badKey.hint!.includes('10005355573'), 'never the value (health data)');
  const comma = checkIdentDmpList('10003090833, 10003802831', 'MDV', sep);
  assert.ok(!comma.ok && comma.suggestion === '10003090833;10003802831');
  const blanks = checkIdentDmpList('10003090833 ; 10003802831', 'MDV', sep);
  assert.ok(!blanks.ok && blanks.suggestion === '10003090833;10003802831');
  const empty = checkIdentDmpList('10003090833;;10003802831;', 'MDV', sep);
  assert.ok(!empty.ok && empty.suggestion === '10003090833;10003802831');
  const twice = checkIdentDmpList('10003090833;10003090833', 'MDV', sep);
  assert.ok(!twice.ok && twice.suggestion === undefined);
  // A suggestion is only made when the corrected list passes.
  const both = checkIdentDmpList('10003090833, 10005355573', 'MDV', sep);
  assert.ok(!both.ok && both.suggestion === undefined);
});

test('I5 list: only where the schema says so (MDV structure); a libéral doctor has one RPPS', () => {
  const text = read('examples/MDV-LGC-Va2/solde.json');
  const list = text.replace('"IdentDMP": "10100850832"', '"IdentDMP": "10100850832;10106282618"');
  assert.notEqual(list, text);
  assert.deepEqual(
    check(list).findings.filter((f) => f.severity !== 'hint'),
    [],
  );
  const liberal = text.replace('"IdentDMP": "10002485232"', '"IdentDMP": "10002485232;10106282618"');
  assert.notEqual(liberal, text);
  assert.deepEqual(
    check(liberal).findings.map((f) => f.code),
    ['I5/ident-dmp'],
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Requiredness and provenance labels (schemas/)

function at(schema: SchemaNode | undefined, path: string[]): SchemaNode | undefined {
  let s = schema;
  for (const seg of path) s = seg === '[]' ? s?.items : s?.properties?.[seg];
  return s;
}
const LINE = ['lignesImport', '[]'];

test('tauxTVA is optional in every vague 2 commande; IdentDMP is optional in avances and required in soldes', () => {
  for (const sons of SONS_TABLE.sons) {
    const avance = getSchema(sons.id, 'avance');
    const commande = at(avance, [...LINE, 'commande']);
    if (commande?.properties?.tauxTVA) assert.ok(!commande.required!.includes('tauxTVA'), `${sons.id} avance: tauxTVA optional`);
    let seen = 0;
    const visit = (s: SchemaNode | undefined, kind: string) => {
      if (!s) return;
      if (s.properties?.IdentDMP) {
        seen++;
        assert.equal(s.required!.includes('IdentDMP'), kind === 'solde', `${sons.id} ${kind}: IdentDMP ${kind === 'solde' ? 'required' : 'optional'}`);
      }
      Object.values(s.properties ?? {}).forEach((p) => visit(p, kind));
      visit(s.items, kind);
    };
    for (const kind of sons.kinds) visit(getSchema(sons.id, kind), kind);
    if (['HOP-PFI-Va2', 'MDV-LGC-Va2'].includes(sons.id)) assert.ok(seen > 0, `${sons.id} has IdentDMP`);
  }
});

test('provenance labels: a confirmed key whose values are modelled says so (x-provenance-values)', () => {
  const cases: [string, string, string[]][] = [
    ['IMG-DB-Va2', 'solde', [...LINE, 'VA', 'typePrestation']],
    ['IMG-RIS-Va2', 'solde', [...LINE, 'VA', 'typePrestation']],
    ['MDV-LGC-Va1', 'avance', [...LINE, 'beneficiaires', 'commandePour']],
    ['MDV-LGC-Va1', 'avance', [...LINE, 'commande', 'dateCommande']],
    ['MDV-LGC-Va1', 'avance', [...LINE, 'piecesJustificatives', '[]', 'typeFichier']],
    ['MDV-LGC-Va1', 'avance', ['numeroAns']],
    ['IMG-RIS-Va2', 'solde', [...LINE, 'beneficiaires', 'Etablissements', '[]', 'typeActivite']],
    ['IMG-RIS-Va2', 'solde', [...LINE, 'piecesJustificatives', '[]', 'typeFichier']],
  ];
  for (const [sons, kind, path] of cases) {
    const s = at(getSchema(sons, kind), path);
    assert.ok(s, `${sons} ${kind} ${path.join('.')}`);
    assert.match(String(s!['x-provenance']), /^confirmed:/, `${path.join('.')}: the key is confirmed`);
    assert.equal(s!['x-provenance-values'], 'modelled', `${sons} ${kind} ${path.join('.')}: its values are modelled`);
  }
  // The values seen in the sources are among the modelled lists.
  assert.ok(at(getSchema('IMG-RIS-Va2', 'solde'), [...LINE, 'VA', 'typePrestation'])!.enum!.includes('v2'));
  assert.deepEqual(at(getSchema('IMG-DB-Va2', 'solde'), [...LINE, 'VA', 'typePrestation'])!.enum, ['MAJ', 'ACQ']);
});

// ---------------------------------------------------------------------------------------------------------------
// Pilot soldes (000: « Les demandes de solde avec PV pilotes n'auront pas besoin de VA »)

test('pilot soldes: a null VA date is an information where the SONS has pilots, still to fill in IMG-DB (0 PV)', () => {
  for (const sons of SONS_TABLE.sons.filter((s) => s.kinds.includes('solde'))) {
    const text = read(`examples/${sons.id}/solde.json`).replace(/"dateSignatureVA": "[^"]*"/, '"dateSignatureVA": null');
    const found = check(text, { today: new Date('2026-11-23') }).findings.filter((f) => f.severity !== 'hint');
    const expected = (sons.pilots ?? 0) > 0 ? [['S3/pilot-va', 'information']] : [['S3/to-fill', 'error']];
    assert.deepEqual(
      found.map((f) => [f.code, f.severity]),
      expected,
      sons.id,
    );
  }
});

// ---------------------------------------------------------------------------------------------------------------
// V3: the published HT ceiling is the reference (004 « plafond HT au centime près »)

test('V3: a published HT ceiling fits its tranche where the TTC ceiling of the rate agrees; a cent more is above; where the table is inconsistent, from a cent above the TTC ceiling brought back to HT up to the HT ceiling included is doubtful', () => {
  const table = (ceilings as unknown as Record<string, { byPrestation: Record<string, Record<string, [number, number, number]>> }>)['IMG-DB'];
  let doubtfulBands = 0;
  for (const rows of Object.values(table.byPrestation)) {
    for (const row of Object.values(rows)) {
      for (const rate of [undefined, 0, 20, 8.5]) {
        assert.equal(trancheFit(Math.round((row[0] + 0.01) * 100) / 100, row, rate), 'above');
        const fromTtc = ttcCeilingHT(row, rate);
        if (fromTtc !== undefined && fromTtc < row[0]) {
          doubtfulBands++;
          assert.equal(trancheFit(row[0], row, rate), 'doubtful', `published HT ${row[0]} at rate ${rate}: above the TTC ceiling ${fromTtc}`);
          assert.equal(trancheFit(Math.round((fromTtc + 0.01) * 100) / 100, row, rate), 'doubtful');
          assert.equal(trancheFit(fromTtc, row, rate), 'fits');
        } else {
          assert.equal(trancheFit(row[0], row, rate), 'fits', `published HT ${row[0]} at rate ${rate}`);
          assert.equal(trancheFit(Math.round((row[0] - 0.01) * 100) / 100, row, rate), 'fits');
        }
      }
    }
  }
  // MAJ E, F (8.5 %), G (8.5 %), H and others: the inconsistency of the published table (rules.md §6).
  assert.ok(doubtfulBands >= 4, `${doubtfulBands} inconsistent ceilings`);
});

test('V3: 43 800,00 € HT (MAJ, tranche H, the published HT ceiling) in a TTC 20 % file is a warning (43 800 × 1,2 > 52 000), not an error', () => {
  const base = read('examples/IMG-DB-Va2/avance.json');
  const text = base.replace('"montantSegurHT": 11252.83', '"montantSegurHT": 43800.00');
  assert.notEqual(text, base);
  const line = (t: string) =>
    check(t, { today: new Date('2026-11-23') }).findings.filter((f) => f.code.startsWith('V3') && f.offset < t.indexOf('"numLigne": 2'));
  assert.deepEqual(
    line(text).map((f) => [f.code, f.severity]),
    [['V3/ttc-ceiling', 'warning']],
  );
  const ex = read('test/fixtures/IMG-DB-Va2/V3-published-ht.json');
  const h = check(ex, { today: new Date('2026-11-23') }).findings.find((f) => f.code === 'V3/ttc-ceiling')!;
  assert.equal(h.severity, 'warning');
  assert.match(h.message.fr, /43 800,00 € HT/);
  assert.match(h.message.fr, /43 333,33 € HT/);
  assert.match(h.message.fr, /modélisée/);
  assert.doesNotMatch(h.message.fr, /rejet/);
});

// ---------------------------------------------------------------------------------------------------------------
// The modelled value lists give warnings with the expected value, never « rejette », fixes only offered

test('modelled values: warnings that name the expected value, never say the portal rejects, and are not applied by fix all', () => {
  const files = [
    'test/fixtures/IMG-RIS-Va2/V9-modelled-spellings.json',
    'test/fixtures/IMG-RIS-Va2/V8-type-fichier-modelled.json',
    'test/fixtures/MDV-LGC-Va1/I8-numero-ans-va1.json',
  ];
  const loosened = new Set(['S6/value', 'V9', 'V8/type-fichier', 'I8/numero-ans', 'V6/phone']);
  let n = 0;
  for (const file of files) {
    for (const f of check(read(file), { today: new Date('2026-11-23'), fileName: file }).findings.filter((x) => loosened.has(x.code))) {
      n++;
      assert.equal(f.severity, 'warning', `${file} ${f.code}`);
      assert.doesNotMatch(f.message.fr, /rejet|refus/i, f.message.fr);
      assert.doesNotMatch(f.message.en, /reject|refuse/i, f.message.en);
      assert.match(f.message.fr, /modél/, `${f.code} says the list or form is modelled`);
      if (f.code === 'V9' || f.code === 'S6/value' || f.code === 'V8/type-fichier')
        assert.match(f.message.fr, /« Radiologie »|"Radiologie"|"BON_COMMANDE"|« Mixte »/, 'the expected value');
      // A modelled spelling of an enumeration is only offered; upper case of a n° ANS or a phone without blanks are the
      // same value written otherwise (safe).
      if (['V9', 'S6/value', 'V8/type-fichier'].includes(f.code)) assert.notEqual(f.fix?.safe, true, `${f.code}: a modelled spelling is only offered`);
    }
  }
  assert.equal(n, 6);
  // A value that is not modelled keeps its rule's severity (S6 on formatFichier: csv2json's « pdf » → « PDF »).
  const s6 = check(read('test/fixtures/IMG-RIS-Va2/S6-case.json')).findings.find((f) => f.code === 'S6/value')!;
  assert.equal(s6.severity, 'error');
  assert.equal(s6.fix?.safe, true);
  // V9's libéral « mixte » rests on 003, not on our spelling: still an error.
  assert.equal(check(read('test/fixtures/IMG-RIS-Va2/V9-liberal-mixte.json')).findings.find((f) => f.code === 'V9')!.severity, 'error');
});

// ---------------------------------------------------------------------------------------------------------------
// D1: deposit windows (001, 004), as data in schemas/sons.json

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

test('D1 data: every bound parses, is written in Paris time, and its day (and hour) are the quoted seed words', () => {
  const windows = SONS_TABLE.depositWindows as DepositWindow[];
  assert.ok(windows.length >= 11);
  const paris = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    timeZoneName: 'longOffset',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const w of windows) {
    assert.ok(['001', '004'].includes(w.source));
    for (const bound of [w.closes, w.opens].filter((b): b is string => b !== undefined)) {
      const at = boundInstant(bound, false)!;
      assert.ok(at instanceof Date && !Number.isNaN(at.getTime()), bound);
      const [y, m, d] = bound.slice(0, 10).split('-');
      const inQuote = [`${d}/${m}/${y}`, `${d} ${MONTHS[Number(m) - 1]} ${y}`, `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`].some((s) => w.quote!.includes(s));
      assert.ok(inQuote, `${bound} is in « ${w.quote} »`);
      const t = /T(\d{2}):(\d{2})([+-]\d{2}:\d{2})$/.exec(bound);
      const parts = Object.fromEntries(paris.formatToParts(at).map((p) => [p.type, p.value]));
      if (t) {
        assert.ok(w.quote!.includes(`${t[1]}h`), `${bound}: hour ${t[1]}h in the quote`);
        assert.equal(parts.timeZoneName, `GMT${t[3]}`, `${bound}: the Paris offset of that day`);
        assert.equal(`${parts.hour}:${parts.minute}`, `${t[1]}:${t[2]}`);
      } else {
        assert.equal(`${parts.hour}:${parts.minute}`, '00:00', `${bound}: starts at midnight, Paris time`);
        assert.equal(boundInstant(bound, true)!.getTime() - at.getTime(), 24 * 3600_000, `${bound}: ends 24 h later`);
      }
    }
  }
  assert.equal(boundText('2025-12-17T12:00+01:00', 'fr'), '17/12/2025 à 12h00');
  assert.equal(boundText('2022-11-30', 'fr'), '30/11/2022');
});

test('D1: the window closes at its hour (Paris time, winter and summer), a date alone at the end of its day', () => {
  const dpi = read('examples/HOP-DPI-Va2/avance.json');
  assert.deepEqual(codesAt(dpi, '2025-12-17T10:59:59Z'), []);
  assert.deepEqual(codesAt(dpi, '2025-12-17T11:00:00Z'), ['D1/closed']);
  const pfi = read('examples/HOP-PFI-Va2/avance.json');
  assert.deepEqual(codesAt(pfi, '2025-09-17T09:59:59Z'), []);
  assert.deepEqual(codesAt(pfi, '2025-09-17T10:00:00Z'), ['D1/closed']);
  const va1 = read('examples/MDV-LGC-Va1/avance.json');
  assert.deepEqual(codesAt(va1, '2022-11-30T22:59:59Z'), []);
  assert.deepEqual(codesAt(va1, '2022-11-30T23:00:00Z'), ['D1/closed']);
  const f = check(dpi, { today: new Date('2026-11-23') }).findings[0];
  assert.equal(f.severity, 'warning');
  assert.deepEqual([f.offset, f.length], [0, 1]);
  assert.match(f.message.fr, /17\/12\/2025 à 12h00 \(source 001\)/);
  assert.match(f.message.en, /17\/12\/2025 at 12:00 \(Paris time\)/);
});

test('D1: unknown windows say nothing (IMG, MDV vague 2, the soldes of vague 2, an output JSON)', () => {
  for (const file of [
    'examples/IMG-RIS-Va2/avance.json',
    'examples/IMG-DB-Va2/avance.json',
    'examples/MDV-LGC-Va2/avance.json',
    'examples/HOP-DPI-Va2/solde.json',
    'examples/HOP-PFI-Va2/solde.json',
    'examples/IMG-RIS-Va2/solde.json',
  ]) {
    assert.deepEqual(
      codesAt(read(file), '2040-01-01').filter((c) => c.startsWith('D1')),
      [],
      file,
    );
  }
  let n = 0;
  const output = read('examples/HOP-DPI-Va2/avance.json').replace(/"numeroASP": null/g, () => `"numeroASP": "FINHOP02100${n++}M0"`);
  const r = check(output, { today: new Date('2040-01-01') });
  assert.equal(r.detection.kind, 'output');
  assert.deepEqual(
    r.findings.filter((x) => x.code.startsWith('D1')),
    [],
  );
  // Windows of corridors without a SONS here (SAS vague 1: opens 28/04/2023) are found once their SONS is added.
  const sas = { id: 'SAS-AGENDA-Va1', corridor: 'SAS', software: 'AGENDA', vague: 1, kinds: ['avance', 'solde'] };
  assert.equal(depositWindow(sas, 'avance')!.opens, '2023-04-28');
  assert.equal(depositWindow(sas, 'solde')!.closes, '2024-09-04T14:00+02:00');
  assert.equal(depositWindow(sonsById('IMG-RIS-Va2'), 'avance'), undefined);
  assert.equal(depositWindow(sonsById('HOP-DPI-Va2'), 'output'), undefined);
});

// ---------------------------------------------------------------------------------------------------------------
// V6/representative and V8/ht-attestation (004)

test('V6/representative: a structure name repeated (case, accents, blanks aside) is a warning; a libéral doctor is his own representative', () => {
  const mdv = read('examples/MDV-LGC-Va2/avance.json');
  assert.match(mdv, /"nomClient": "Julie Lefèvre"[\s\S]*"nomMedecin": "Julie Lefèvre"/);
  assert.deepEqual(
    check(mdv).findings.filter((f) => f.code === 'V6/representative'),
    [],
  );
  const structure = mdv.replace('"nomClient": "Marc Dubois"', '"nomClient": "CENTRE DE SANTE  municipal"');
  assert.notEqual(structure, mdv);
  const found = check(structure).findings.filter((f) => f.code === 'V6/representative');
  assert.deepEqual(
    found.map((f) => [f.severity, structure.substr(f.offset, f.length)]),
    [['warning', '"CENTRE DE SANTE  municipal"']],
  );
  assert.equal(found[0].related?.length, 1);
  assert.doesNotMatch(found[0].message.fr, /municipal/i, 'the name is not repeated in the message');
});

test('V8/ht-attestation: an HT line needs an attachment of the type sons.json names; a TTC line does not', () => {
  const ht = SONS_TABLE.vatRegimes!.find((r) => (r as { regimeTVA: string }).regimeTVA === 'HT') as { attachment: { typeFichier: string } };
  assert.equal(ht.attachment.typeFichier, 'ATTESTATION_TVA');
  const text = read('test/fixtures/IMG-RIS-Va2/V8-ht-attestation.json');
  const found = check(text).findings.filter((f) => f.code === 'V8/ht-attestation');
  assert.equal(found.length, 1);
  assert.equal(text.substr(found[0].offset, found[0].length), '"HT"');
  assert.ok(found[0].offset > text.indexOf('"numLigne": 2') && found[0].offset < text.indexOf('"numLigne": 3'));
  assert.deepEqual(
    check(read('examples/IMG-RIS-Va2/avance.json')).findings.filter((f) => f.code === 'V8/ht-attestation'),
    [],
  );
});
