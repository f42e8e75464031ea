/**
 * S3 — Never delete a tag that does not apply: write it `null`, in lower case (source 000: "Ne pas supprimer
 * les balises non concernées → renseigner null (Casse à respecter)"). Reports a missing tag, `Null`/`NULL`,
 * the string "null", and an empty string in a tag that takes null.
 * A value the schema marks `x-null-for-pilot` (the VA date of a vague 2 solde) may be null for a pilot solde (000:
 * « Les demandes de solde avec PV pilotes n'auront pas besoin de VA »): a pilot line cannot be told from the JSON
 * (pilots are declared on the portal), so null there gets an information, not « à compléter »; in a SONS without
 * pilots (IMG-DB: 0 PV, 000) it stays to be filled in.
 * A solde's client identifiers left null (000: « vous devez compléter les balises avec les données réelles: … le/les
 * n° PMSI/SIREN/RPPS du/des clients présents à la demande d'avance ») are errors graded 000, whatever the provenance
 * of their key in the model: which identifiers these are is data (`soldeClientIdentifiers` of schemas/sons.json,
 * by role).
 */
import { isBlock, isType, SONS_TABLE, type Rule, type Provenance } from '../engine/rule-api';
import { L, pointerOf, ownerSpan, insertKeyEdit, fix, replaceNode } from './util';

const SOLDE_CLIENT_IDS = SONS_TABLE.soldeClientIdentifiers as { roles: string[]; source: string } | undefined;
const SOLDE_CLIENT_PROVENANCE: Provenance | undefined = SOLDE_CLIENT_IDS ? { kind: 'source', sources: [SOLDE_CLIENT_IDS.source] } : undefined;

export const S3: Rule = {
  meta: {
    id: 'S3',
    title: L('Balise non concernée : null en minuscules', 'Tag that does not apply: lower-case null'),
    sources: ['000'],
    severity: 'error',
    fixable: true,
    stated: L(
      '« Ne pas supprimer les balises non concernées → renseigner null (Casse à respecter) » (000).',
      '"Do not delete the tags that do not apply → write null (mind the case)" (000).',
    ),
    modelled: L(
      "Quelles balises existent et lesquelles sont obligatoires, hors exemple 000 et csv2json : une balise manquante ou à compléter d'une partie modélisée est un avertissement [modélisé].",
      'Which keys exist and which are required, beyond the 000 example and csv2json: a missing or to-fill key of a modelled part is a [modelled] warning.',
    ),
    messages: {
      missing: L(
        "Balise « {key} » manquante : une balise non concernée ne se supprime pas, elle s'écrit null (modèle {model}).",
        'Missing key "{key}": a key that does not apply is not deleted, it is written null ({model} template).',
      ),
      missingRequired: L(
        'Balise « {key} » manquante (modèle {model}) : elle est obligatoire, à compléter.',
        'Missing key "{key}" ({model} template): it is required, to be filled in.',
      ),
      nullCase: L("« {found} » n'est pas du JSON : écrivez null en minuscules.", '"{found}" is not JSON: write null in lower case.'),
      nullString: L(
        'La chaîne "null" n\'est pas la valeur null : écrivez null sans guillemets.',
        'The string "null" is not the null value: write null without quotes.',
      ),
      toFill: L(
        "Balise « {key} » à compléter : null ne s'écrit que pour une balise non concernée, celle-ci est obligatoire.",
        'Key "{key}" to be filled in: null is only for a key that does not apply, this one is required.',
      ),
      pilotVa: L(
        'Balise « {key} » à null : admis pour une demande de solde avec PV pilotes (le PV pilote tient lieu de VA) ; sinon, à compléter.',
        'Key "{key}" is null: accepted for a balance request with pilot reports (the pilot report stands for the VA); otherwise, fill it in.',
      ),
      clientIdToFill: L(
        "Balise « {key} » à compléter : dans une demande de solde, « vous devez compléter les balises avec les données réelles » dont « le/les n° PMSI/SIREN/RPPS du/des clients présents à la demande d'avance » (000).",
        'Key "{key}" to be filled in: in a solde, the tags are completed with the real data, among them the PMSI/SIREN/RPPS numbers of the clients of the avance (000).',
      ),
      emptyString: L("Balise « {key} » vide : si elle n'est pas concernée, écrivez null.", 'Key "{key}" is empty: if it does not apply, write null.'),
    },
  },
  stage: 'structure',
  create(ctx) {
    const model = `${ctx.detection.sons} ${ctx.detection.kind}`;
    const toNull = fix(L('Remplacer par null', 'Replace with null'), []);
    // The client identifiers a solde must carry (000), by role; none in an avance.
    const clientIdRoles = ctx.detection.kind === 'solde' ? SOLDE_CLIENT_IDS?.roles : undefined;
    return {
      only: { object: 'keys-differ', scalar: (s) => s !== undefined && s.type !== undefined },
      syntax(problems) {
        for (const p of problems) {
          if (p.kind !== 'literal-case' || p.detail !== 'null') continue;
          ctx.report({
            messageId: 'nullCase',
            slug: 'null-case',
            args: { found: ctx.text.substr(p.offset, p.length) },
            offset: p.offset,
            length: p.length,
            fix: { ...toNull, edits: [{ offset: p.offset, length: p.length, newText: 'null' }] },
          });
        }
      },
      object(v) {
        const props = v.schema!.properties!;
        for (const key of v.keys.missing) {
          const s = props[key];
          if (isBlock(s) || (isType(s, 'object') && !isType(s, 'null'))) continue;
          // A tag that may be null is written null when it does not apply; a required one (not nullable in the
          // schema) has to be filled in: the fix inserts it at its place, null until it is. A schema that does not
          // say the type (a learned template) keeps the null advice.
          const nullable = s?.type === undefined || isType(s, 'null');
          ctx.report({
            messageId: nullable ? 'missing' : 'missingRequired',
            slug: 'missing-tag',
            args: { key, model },
            ...ownerSpan(v),
            pointer: pointerOf([...v.path, key]),
            basis: 'key',
            fix: fix(
              nullable ? L(`Insérer « ${key} »: null`, `Insert "${key}": null`) : L(`Insérer « ${key} » (à compléter)`, `Insert "${key}" (to be filled in)`),
              [insertKeyEdit(ctx.text, v.node, v.schema!, key, v.keys.missing, v.keys.unknown)],
            ),
          });
        }
      },
      scalar(v) {
        // null where the template wants a value: a tag left to fill in (a generated solde, a skeleton).
        // The dossier number of a solde is S13's (its message says where to find it).
        const pilotNull = v.type === 'null' && v.schema?.['x-null-for-pilot'] === true;
        if (
          pilotNull ||
          (v.type === 'null' && v.schema && v.schema.type !== undefined && !isType(v.schema, 'null') && !isBlock(v.schema) && v.schema['x-role'] !== 'dossier')
        ) {
          const key = v.prop ? (v.prop.children![0].value as string) : String(v.path[v.path.length - 1]);
          const pilots = typeof ctx.sons?.pilots === 'number' && ctx.sons.pilots > 0;
          if (pilotNull && pilots) ctx.report({ messageId: 'pilotVa', slug: 'pilot-va', args: { key }, node: v.node, severity: 'information', basis: 'value' });
          else if (clientIdRoles && clientIdRoles.includes(v.schema!['x-role'] as string)) {
            ctx.report({ messageId: 'clientIdToFill', slug: 'to-fill', args: { key }, node: v.node, provenance: SOLDE_CLIENT_PROVENANCE });
          } else ctx.report({ messageId: 'toFill', slug: 'to-fill', args: { key }, node: v.node, basis: 'value' });
          return;
        }
        if (v.type !== 'string' || !isType(v.schema, 'null')) return;
        const s = v.value as string;
        if (s.trim().toLowerCase() === 'null') {
          ctx.report({ messageId: 'nullString', slug: 'null-string', node: v.node, fix: { ...toNull, edits: [replaceNode(v.node, 'null')] } });
        } else if (s === '' && v.prop) {
          ctx.report({
            messageId: 'emptyString',
            slug: 'empty',
            args: { key: v.prop.children![0].value as string },
            node: v.node,
            severity: 'warning',
            fix: { ...toNull, edits: [replaceNode(v.node, 'null')], safe: false },
          });
        }
      },
    };
  },
};
