/**
 * D1 — a request filed after its window closed is not taken into account (sources 001: vague 2 HOP-DPI and HOP-PFI
 * advance deadlines; 004: the other windows and « Passé cette date, aucune demande de financement ne sera prise en
 * compte »; docs/rules.md#d1; the windows are `depositWindows` in schemas/sons.json). A date without an hour
 * closes at the end of the day, Paris time; a warning (the ASP may extend a window). Tables over the HOP-DPI-Va2,
 * HOP-PFI-Va2 and MDV-LGC-Va1 avance examples and the HOP-DPI-Va2 solde (no window known: nothing), `today` set per
 * case around each bound.
 */
import { D1 } from './D1-deposit-windows';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const at = (iso: string) => ({ today: new Date(iso) });

// HOP-DPI-Va2 avance: « 17/12/2025 à 12h00 » (001), Paris winter time (UTC+1).
ruleTable(D1, {
  sons: 'HOP-DPI-Va2',
  kind: 'avance',
  valid: [
    { name: "the example on the tester's day (2025-10-01): the window is open" },
    { name: 'one minute before the deadline (11h59 Paris)', options: at('2025-12-17T10:59:00Z') },
  ],
  invalid: [
    {
      name: 'at the deadline (12h00 Paris): closed, a warning on the first character, resting on 001 and 004',
      options: at('2025-12-17T11:00:00Z'),
      errors: [{ code: 'D1/closed', span: '{', line: 1, severity: 'warning', provenance: 'source' }],
    },
    {
      name: 'a year later',
      options: at('2026-12-17T11:00:00Z'),
      errors: [{ code: 'D1/closed', span: '{', line: 1 }],
    },
  ],
});

// HOP-PFI-Va2 avance: « 17/09/2025 à 12h00 » (001), Paris summer time (UTC+2).
ruleTable(D1, {
  sons: 'HOP-PFI-Va2',
  kind: 'avance',
  valid: [{ name: 'the morning of the deadline (11h59 Paris)', options: at('2025-09-17T09:59:00Z') }],
  invalid: [
    {
      name: "the example on the tester's day (2025-10-01): closed since 17/09/2025 12h00",
      errors: [{ code: 'D1/closed', span: '{', line: 1, severity: 'warning' }],
    },
    { name: 'at 12h00 Paris (10h00 UTC)', options: at('2025-09-17T10:00:00Z'), errors: [{ code: 'D1/closed', span: '{' }] },
  ],
});

// MDV-LGC-Va1 avance: « avant le 30 novembre 2022 » (004), a date without an hour: closes at midnight, Paris time.
ruleTable(D1, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [
    { name: 'the last day, late evening (23h59 Paris)', options: at('2022-11-30T22:59:00Z') },
    { name: 'before the deadline', options: at('2022-06-01T08:00:00Z') },
  ],
  invalid: [
    {
      name: 'midnight Paris at the end of the last day',
      options: at('2022-11-30T23:00:00Z'),
      errors: [{ code: 'D1/closed', span: '{', line: 1, severity: 'warning', provenance: 'source' }],
    },
    { name: "the example on the tester's day (2025-10-01)", errors: [{ code: 'D1/closed', span: '{' }] },
  ],
});

// HOP-DPI-Va2 solde: the sources give no solde window for vague 2: nothing is reported, whatever the date.
ruleTable(D1, {
  sons: 'HOP-DPI-Va2',
  kind: 'solde',
  valid: [
    { name: "the solde example on the tester's day" },
    { name: 'the solde example in 2030: no window known, no finding', options: at('2030-01-01T00:00:00Z') },
  ],
  invalid: [],
});
