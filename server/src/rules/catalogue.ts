/** The rule registry: every rule of docs/rules.md implemented by the engine, in catalogue order. */
import type { ProjectRule, Rule } from '../engine/rule-api';
import { S1 } from './S1-format';
import { S2 } from './S2-empty-blocks';
import { S3 } from './S3-null-tags';
import { S4 } from './S4-booleans';
import { S5 } from './S5-plural-keys';
import { S6 } from './S6-case';
import { S7 } from './S7-key-order';
import { S8 } from './S8-spaces';
import { S9 } from './S9-max-requests';
import { S10 } from './S10-one-line-per-order';
import { S11 } from './S11-one-vat-regime';
import { S12 } from './S12-strict-json';
import { S13 } from './S13-output-json';
import { V1 } from './V1-dates';
import { V2 } from './V2-amounts';
import { V3 } from './V3-ceilings';
import { V4 } from './V4-vat-rates';
import { V5 } from './V5-order-date';
import { V6 } from './V6-client-contact';
import { V7 } from './V7-mss-addresses';
import { V8 } from './V8-attachments';
import { V9 } from './V9-activity-type';
import { V10 } from './V10-prestation-type';
import { V11 } from './V11-documents';
import { I1 } from './I1-finess';
import { I2 } from './I2-siren';
import { I3 } from './I3-siret';
import { I4 } from './I4-rpps-am';
import { I5 } from './I5-ident-dmp';
import { I6 } from './I6-ident-insi';
import { I7 } from './I7-pilot-identifiers';
import { I8 } from './I8-dossier-ans-numbers';
import { U1 } from './U1-one-financing';
import { U2 } from './U2-ris-orders';
import { U3 } from './U3-drimbox-orders';
import { D1 } from './D1-deposit-windows';
import { P1 } from './P1-attachment-present';
import { P2 } from './P2-attachment-size';
import { P3 } from './P3-attachment-format';
import { P4 } from './P4-attachment-opens';
import { C1 } from './C1-same-editeur';
import { C2 } from './C2-same-dossier';
import { C3 } from './C3-beneficiaries';
import { C4 } from './C4-amounts';
import { C5 } from './C5-advance-share';
import { C6 } from './C6-prestation-change';
import { C7 } from './C7-one-solde';
import { C8 } from './C8-no-avance';

export const RULES: Rule[] = [
  S1,
  S2,
  S3,
  S4,
  S5,
  S6,
  S7,
  S8,
  S9,
  S10,
  S11,
  S12,
  S13,
  V1,
  V2,
  V3,
  V4,
  V5,
  V6,
  V7,
  V8,
  V9,
  V10,
  V11,
  I1,
  I2,
  I3,
  I4,
  I5,
  I6,
  I7,
  I8,
  U1,
  U2,
  U3,
  D1,
  P1,
  P2,
  P3,
  P4,
];

/** Rules across files (avance ↔ solde consistency), run by server/src/engine/project/project.ts. */
export const PROJECT_RULES: ProjectRule[] = [C1, C2, C3, C4, C5, C6, C7, C8];
