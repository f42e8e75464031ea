/**
 * Shared shape of the value rules built on server/src/identifiers (I1–I8, V1, V6, V7, V8): each rule file gives
 * its metadata and which `x-check` values it verifies with which function; this factory reports failures with
 * a French and English message and offers the unambiguous correction as a fix. The value itself is never put in
 * the message (identifiers are health data).
 */
import type { IdCheck, IdFailure } from '../identifiers';
import { parseProvenance, type Rule, type RuleContext, type Visit, type Localized, type Provenance, type Severity } from '../engine/rule-api';
import { L, fix, replaceNode, capitalize } from './util';

export interface ValueCheck {
  /** `x-check` value of the schema (docs/schema-format.md). */
  check: string;
  label: Localized;
  run(value: string, ctx: RuleContext, v: Visit): IdCheck;
  slug: string;
  severity?: Severity;
  /**
   * A field of the SONS's `provenance` in schemas/sons.json that the check depends on (e.g. `identDmpVariant`):
   * when it is `modelled` for the SONS, the finding is `model`.
   */
  sonsProvenance?: string;
}

const REASON: Record<IdFailure, Localized> = {
  format: L('format incorrect', 'wrong format'),
  key: L('clé de contrôle incorrecte', 'wrong check key'),
  sentinel: L('valeur fictive', 'placeholder value'),
  case: L('casse incorrecte', 'wrong case'),
  length: L('longueur incorrecte', 'wrong length'),
  prefix: L('préfixe incorrect', 'wrong prefix'),
};

export const VALUE_MESSAGES = {
  invalid: L('{labelFr} invalide : {reasonFr}.', 'Invalid {labelEn}: {reasonEn}.'),
  /** The identifier checks give a precise French explanation (`hint`); the English message stays generic. */
  invalidHint: L('{hint}.', 'Invalid {labelEn}: {reasonEn}.'),
  notString: L(
    '{labelFr} écrit comme un nombre : écrivez-le entre guillemets (les zéros de tête se perdent sinon).',
    '{labelEn} written as a number: write it between quotes (leading zeros are lost otherwise).',
  ),
};

/** The hint of server/src/identifiers as a sentence that names the value checked. */
function hintText(hint: string, label: string): string {
  return capitalize(hint.includes(' : ') ? hint : `${label} : ${hint}`);
}

export function valueRule(meta: Omit<Rule['meta'], 'messages'>, checks: ValueCheck[]): Rule {
  return {
    meta: { ...meta, messages: VALUE_MESSAGES },
    stage: 'value',
    create(ctx) {
      const handlers: Record<string, (v: Visit) => void> = {};
      for (const c of checks) {
        // The check is the rule's (its sources), unless the key's values are annotated otherwise (basis `check`) or
        // the SONS data it relies on is modelled.
        const fromSons = c.sonsProvenance ? parseProvenance(ctx.sons?.provenance?.[c.sonsProvenance]) : undefined;
        const provenance: Provenance | undefined = fromSons?.kind === 'model' ? fromSons : undefined;
        handlers[c.check] = (v) => {
          if (v.type === 'null') return;
          if (v.type === 'number' && c.check !== 'amount') {
            const n = v.node;
            const args = { labelFr: c.label.fr, labelEn: c.label.en };
            const raw = ctx.text.substr(n.offset, n.length);
            // Quoting is certain (safe, applied by fix-all) only when the quoted value then passes the check: a FINESS
            // that lost its leading zero (10780054) is quoted on request only, its finding then says what is wrong.
            const safe = c.run(raw, ctx, v).ok;
            ctx.report({
              messageId: 'notString',
              slug: c.slug,
              args,
              node: n,
              basis: 'check',
              severity: c.severity,
              fix: fix(L('Écrire entre guillemets', 'Quote it'), [replaceNode(n, JSON.stringify(raw))], safe),
            });
            return;
          }
          if (v.type !== 'string') return; // type errors are the schema's
          // One finding per fault: blanks at either end of a value are S8's (« des espaces en trop », 004, the same
          // finding and fix for every value of the file, an identifier or a name), so the check reads the value
          // without them and reports only what is wrong beyond them (a wrong key, blanks inside the number). Without
          // this, « 262504624 » followed by a space got both S8 and « espaces à retirer » here.
          const raw = v.value as string;
          const trimmed = raw.trim();
          const r = c.run(trimmed.length === raw.length || trimmed === '' ? raw : trimmed, ctx, v);
          if (r.ok) return;
          const n = v.node;
          // No seed states a check key: a wrong key rests on the public standard that defines it (`reference`), or on
          // our reading of real numbers when none does (AM, ADELI: `model`). Its format stays the rule's.
          const keyProvenance: Provenance | undefined =
            r.reason === 'key' ? (r.standard ? { kind: 'reference', sources: [r.standard] } : { kind: 'model' }) : undefined;
          ctx.report({
            messageId: r.hint ? 'invalidHint' : 'invalid',
            slug: c.slug,
            args: {
              labelFr: c.label.fr,
              labelEn: c.label.en,
              reasonFr: REASON[r.reason].fr,
              reasonEn: REASON[r.reason].en,
              hint: r.hint ? hintText(r.hint, c.label.fr) : '',
            },
            node: n,
            basis: 'check',
            provenance: provenance ?? keyProvenance,
            severity: c.severity,
            fix:
              r.suggestion !== undefined
                ? fix(L(`Corriger en « ${r.suggestion} »`, `Correct to "${r.suggestion}"`), [replaceNode(n, JSON.stringify(r.suggestion))])
                : undefined,
          });
        };
      }
      return { checks: handlers };
    },
  };
}
