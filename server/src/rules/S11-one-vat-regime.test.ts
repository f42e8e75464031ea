/**
 * S11 — all requests of one file share one VAT regime (source 004: « vous devez séparer les demandes ayant des taux
 * de TVA différents … dans des fichiers JSON différents »; shared/domain/rules.md S11; the regime and rate are the
 * values marked `x-role: vatRegime` / `vatRate` in schemas/), as tables over the IMG-RIS-Va2 avance (regime and rate:
 * `regimeTVA`, `tauxTVA`) and the MDV-LGC-Va1 avance (vague 1: the regime only).
 */
import { S11 } from './S11-one-vat-regime';
import { exampleText, ruleTable } from '../../../test/helpers/rule-tester.ts';

const first = JSON.parse(exampleText('IMG-RIS-Va2', 'avance')).lignesImport[0];
const regime = (i: number) => ['lignesImport', i, 'commande', 'regimeTVA'];
const rate = (i: number) => ['lignesImport', i, 'commande', 'tauxTVA'];

ruleTable(S11, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: TTC 20 on every line' },
    { name: 'a line without its rate (null: entered on the portal) and the same regime', patch: [{ path: rate(1), value: null }] },
    { name: 'a file of one line in HT 0 %: one regime', patch: [{ path: ['lignesImport'], value: [{ ...first, commande: { ...first.commande, regimeTVA: 'HT', tauxTVA: 0 } }] }] },
  ],
  invalid: [
    {
      name: 'line 2 in HT 0 %: reported on its rate',
      patch: [{ path: regime(1), value: 'HT' }, { path: rate(1), value: 0 }],
      errors: [{ code: 'S11', span: '0', line: 53, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'line 3 at TTC 8.5 % (same regime, another rate)',
      patch: [{ path: rate(2), value: 8.5 }],
      errors: [{ code: 'S11', span: '8.5', line: 102 }],
    },
    {
      name: 'lines 2 and 3 both differ from line 1: one finding each',
      patch: [{ path: rate(1), value: 0 }, { path: rate(2), value: 8.5 }],
      errors: [
        { code: 'S11', span: '0', line: 53 },
        { code: 'S11', span: '8.5', line: 102 },
      ],
    },
  ],
});

ruleTable(S11, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [{ name: 'the example: TTC on every line' }],
  invalid: [
    {
      name: 'line 3 in HT (vague 1: no rate key): reported on the regime',
      patch: [{ path: regime(2), value: 'HT' }],
      errors: [{ code: 'S11', span: '"HT"', line: 121 }],
    },
  ],
});
