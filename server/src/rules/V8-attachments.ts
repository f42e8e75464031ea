/**
 * V8 — Attachments: file name ≤ 50 characters, no accented or special characters, PDF/JPEG/PNG, and the
 * éditeur number appears in the attachment names (sources 000 and 001 for the names, 002 for the éditeur number). The name checks are in
 * server/src/identifiers (checkFileName); this rule adds the consistency of `formatFichier` with the extension
 * and the éditeur number in the name (a warning: the portal's exact control is not public).
 *
 * Attachment types (`typeFichier`, marked `x-role: attachmentType` in schemas/): only `BON_COMMANDE` (csv2json) and
 * `FACTURE` (seed 000) are seen in the sources, the other codes are our model (`x-provenance-values: modelled`), so a
 * value outside the list is a warning with the expected codes (the official list may hold others).
 *
 * V8/ht-attestation: a request in the HT regime needs « une attestation de non-assujettissement à la TVA délivrée
 * par la DGFIP, la DRFIP ou la DDFIP » among its attachments (source 004). Which regime needs which attachment
 * type is data (`vatRegimes[].attachment` in schemas/sons.json; the code `ATTESTATION_TVA` is modelled): a line
 * whose regime (`x-role: vatRegime`) asks for it and whose attachments have no such type gets a warning.
 */
import { SONS_TABLE, schemaAt, keyWithRole, appended, siblingsAtHand, valueAtHand, type Rule, type SchemaNode } from '../engine/rule-api';
import { checkFileName } from '../identifiers';
import { L, pointerOf, fix, replaceNode, capitalize, propertyWithRole, meaningOf } from './util';
import { ENUM_MESSAGES, reportEnumValue } from './enumRule';

const hasOwn = Object.prototype.hasOwnProperty;

interface VatRegimeAttachment {
  regimeTVA: string;
  attachment?: { typeFichier: string };
}

const ATTACHMENT_ROLE = 'attachmentType';
/** V8/ht-attestation rests on the FAQ 004 list of attachments of the HT regime. */
const HT_ATTESTATION_SOURCE = { kind: 'source' as const, sources: ['004'] };
/** The name checks rest on 000 and 001 (« Le nom du fichier ne peut pas dépasser 50 caractères », accents: 001). */
const NAME_SOURCES = { kind: 'source' as const, sources: ['000', '001'] };
/** `formatFichier` against the extension: the accepted formats, « pdf, jpeg, png » (001). */
const FORMAT_SOURCES = { kind: 'source' as const, sources: ['001'] };
/** The éditeur number in the names: only 002 says it (« Il doit être repris dans le nommage des pièces justificatives »). */
const EDITEUR_SOURCES = { kind: 'source' as const, sources: ['002'] };

/** Whether a schema has a value of the given `x-role` somewhere (cached per schema object). */
const hasRoleCache = new WeakMap<object, Map<string, boolean>>();
function schemaHasRole(schema: SchemaNode | undefined, role: string): boolean {
  if (!schema) return false;
  let byRole = hasRoleCache.get(schema);
  if (!byRole) hasRoleCache.set(schema, (byRole = new Map()));
  let found = byRole.get(role);
  if (found === undefined) {
    const seen = (s: SchemaNode | undefined): boolean =>
      !!s && (s['x-role'] === role || (s.items !== undefined && seen(s.items)) || Object.values(s.properties ?? {}).some(seen));
    found = seen(schema);
    byRole.set(role, found);
  }
  return found;
}

const EXT_FORMAT: Record<string, string> = { pdf: 'PDF', jpg: 'JPEG', jpeg: 'JPEG', png: 'PNG' };
const EXTENSION_RE = /\.([A-Za-z]+)$/;

export const V8: Rule = {
  meta: {
    id: 'V8',
    title: L('Pièces justificatives : noms et formats', 'Attachments: names and formats'),
    sources: ['000', '001', '002', '004'],
    severity: 'error',
    fixable: true,
    stated: L(
      "Nom de PJ de 50 caractères au plus (000, 001), sans accents ni caractères spéciaux, en PDF/JPEG/PNG (001) ; le n° éditeur dans le nom des pièces (002) ; en régime HT, l'attestation de non-assujettissement à la TVA parmi les pièces (004, V8/ht-attestation) ; types BON_COMMANDE (csv2json) et FACTURE (000).",
      'Attachment names of at most 50 characters (000, 001), no accents or special characters, PDF/JPEG/PNG (001); the éditeur number in the attachment names (002); in the HT regime, the VAT non-liability certificate among the attachments (004, V8/ht-attestation); types BON_COMMANDE (csv2json) and FACTURE (000).',
    ),
    modelled: L(
      'La cohérence formatFichier / extension et la place du n° éditeur dans le nom (avertissement) ; les autres codes de typeFichier, dont ATTESTATION_TVA : une valeur hors liste est un avertissement [modélisé].',
      'The formatFichier / extension consistency and where the éditeur number stands in the name (a warning); the other typeFichier codes, ATTESTATION_TVA among them: a value outside the list is a [modelled] warning.',
    ),
    messages: {
      name: L('{hint}.', 'Invalid attachment name: {hintEn}.'),
      format: L(
        "« {key} » vaut « {format} », qui ne correspond pas à l'extension du fichier ({expected} attendu).",
        '"{key}" is "{format}", which does not match the file extension ({expected} expected).',
      ),
      editeur: L(
        "Le n° éditeur de la ligne n'apparaît pas dans le nom de la pièce justificative.",
        "The line's éditeur number does not appear in the attachment name.",
      ),
      ...ENUM_MESSAGES,
      htAttestation: L(
        "Régime {regime} : l'attestation de non-assujettissement à la TVA délivrée par la DGFIP, la DRFIP ou la DDFIP est une pièce justificative obligatoire (FAQ 004) ; aucune pièce de type « {expected} » (code modélisé) dans cette demande.",
        'Regime {regime}: the VAT non-liability certificate issued by the DGFIP, DRFIP or DDFIP is a mandatory attachment (FAQ 004); no attachment of type "{expected}" (modelled code) in this request.',
      ),
    },
  },
  stage: 'value',
  create(ctx) {
    // Attachment types met, by request line (V8/ht-attestation): a small list per line (a Set per line was kept for
    // the whole check, 10 000 of them on a big file).
    const types: (string[] | undefined)[] = [];
    const regimes = (SONS_TABLE.vatRegimes ?? []) as VatRegimeAttachment[];
    return {
      only: { scalar: (s) => s?.['x-role'] === ATTACHMENT_ROLE },
      scalar(v) {
        if (v.schema?.['x-role'] !== ATTACHMENT_ROLE) return;
        reportEnumValue(ctx, v, undefined, 'type-fichier');
        if (v.type === 'string' && v.lineIndex !== undefined) {
          const t = (v.value as string).trim();
          const list = types[v.lineIndex];
          if (list === undefined) types[v.lineIndex] = [t];
          else if (!list.includes(t)) types[v.lineIndex] = appended(list, t);
        }
      },
      end() {
        // Only where the model types its attachments (a learned template without the role says nothing).
        if (!schemaHasRole(ctx.schema, ATTACHMENT_ROLE)) return;
        for (const l of ctx.summary()?.lines ?? []) {
          const regime = l?.vatRegime;
          if (!regime || typeof regime.value !== 'string') continue;
          // By meaning: « ht » or « HT  » is still the HT regime (its spelling is S6's, S8's).
          const meaning = meaningOf(regime.value);
          const needed = regimes.find((r) => meaningOf(r.regimeTVA) === meaning && r.attachment)?.attachment?.typeFichier;
          if (!needed || (typeof l.index === 'number' && types[l.index]?.includes(needed))) continue;
          ctx.report({
            messageId: 'htAttestation',
            slug: 'ht-attestation',
            severity: 'warning',
            provenance: HT_ATTESTATION_SOURCE,
            args: { regime: regime.value, expected: needed },
            offset: regime.offset,
            length: regime.length,
          });
        }
      },
      checks: {
        fileName(v) {
          if (v.type !== 'string') return;
          const name = v.value as string;
          const r = checkFileName(name);
          if (!r.ok) {
            const n = v.node;
            ctx.report({
              messageId: 'name',
              slug: 'name',
              args: {
                hint: capitalize(r.hint ?? 'nom de pièce justificative invalide'),
                hintEn: r.reason === 'length' ? 'more than 50 characters' : 'only A-Z a-z 0-9 . _ - and a pdf/jpg/jpeg/png extension',
              },
              node: n,
              basis: 'check',
              // basis `check` with the name checks' own sources (000, 001), unless the key's values say otherwise.
              provenance: v.schema?.['x-provenance-values'] === undefined ? NAME_SOURCES : undefined,
              fix: r.suggestion
                ? fix(L(`Renommer en « ${r.suggestion} »`, `Rename to "${r.suggestion}"`), [replaceNode(n, JSON.stringify(r.suggestion))], false)
                : undefined,
            });
            return;
          }
          // Sibling file format and the line's éditeur number by meaning (x-role fileFormat / editeur). On the fast
          // path both are read from JSON.parse's objects first, and nodes are made only for a finding (they cost
          // ~1.5 KB per request line of garbage on a file with several attachments per line).
          const itemSchema = schemaAt(ctx.schema, v.path, v.path.length - 1);
          const ext = EXTENSION_RE.exec(name)?.[1].toLowerCase();
          const expected = ext ? EXT_FORMAT[ext] : undefined;
          const itemRaw = siblingsAtHand(v);
          let formatMayDiffer = expected !== undefined;
          if (formatMayDiffer && itemRaw !== undefined) {
            const key = keyWithRole(itemSchema, 'fileFormat');
            const x = key !== undefined && hasOwn.call(itemRaw, key) ? itemRaw[key] : undefined;
            formatMayDiffer = typeof x === 'string' && x !== expected && x.toUpperCase() !== expected;
          }
          if (formatMayDiffer) {
            const fileFormat = propertyWithRole(v.prop?.parent, itemSchema, 'fileFormat');
            const fmt = fileFormat?.value;
            if (fmt?.type === 'string' && expected && fmt.value !== expected && String(fmt.value).toUpperCase() !== expected) {
              ctx.report({
                messageId: 'format',
                slug: 'format',
                provenance: FORMAT_SOURCES,
                args: { key: fileFormat!.key, format: fmt.value as string, expected },
                node: fmt,
                fix: fix(L(`Écrire « ${expected} »`, `Write "${expected}"`), [replaceNode(fmt, JSON.stringify(expected))], false),
              });
            }
          }
          if (v.lineIndex === undefined) return;
          const lineSchema = schemaAt(ctx.schema, v.path, 2);
          const line = v.line;
          const raw = valueAtHand(line);
          if (raw !== undefined) {
            const key = keyWithRole(lineSchema, 'editeur');
            const x = line!.type === 'object' && key !== undefined && hasOwn.call(raw, key) ? (raw as Record<string, unknown>)[key] : undefined;
            if (typeof x !== 'string' || !x.trim() || name.includes(x.trim())) return;
          }
          const ed = propertyWithRole(line, lineSchema, 'editeur')?.value;
          if (ed?.type === 'string' && (ed.value as string).trim() && !name.includes((ed.value as string).trim())) {
            ctx.report({
              messageId: 'editeur',
              slug: 'editeur-number',
              severity: 'warning',
              provenance: EDITEUR_SOURCES,
              node: v.node,
              pointer: pointerOf(v.path) + '#editeur',
            });
          }
        },
      },
    };
  },
};
