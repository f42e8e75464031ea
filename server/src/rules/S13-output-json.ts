/**
 * S13 — The output JSON equals the input with tags that were null filled in by the portal, the dossier number
 * among them; a solde must reuse the dossier number of the avance output (source 004: "Ce numéro de dossier à
 * renseigner dans le JSON Solde doit être identique au numéro indiqué dans la demande d'avance (JSON de sortie)").
 *
 * The portal's answer (S13/portal-answer): `codeTraitement` and `libelleTraitement` are `null` in the uploaded JSON
 * (csv2json) and filled by the portal per line in what it sends back (seed 002: « JSON rejeté avec codetraitement et
 * libelletraitement pour chaque ligne »). No list of the codes is public: a line whose code or label is filled gets an
 * information finding that quotes the portal's label as written and says that segur-json does not interpret it. Read by
 * meaning: the values marked `x-role` `portalCode` / `portalLabel` in schemas/ (engine summary), whatever their path.
 * Any kind: a rejected file may come back without a dossier number (then it is detected as an avance or a solde, not as
 * an output JSON).
 */
import { answered, type Rule } from '../engine/rule-api';
import { L, pointerOf, ownerSpan, propertyWithRole } from './util';

/** S13's two parts rest on different documents: the output JSON's dossier number on 004, the per-line portal
 * answer (`codeTraitement` / `libelleTraitement`) on 002 and csv2json (its `null` in the uploaded file). */
const DOSSIER_SOURCE = { kind: 'source' as const, sources: ['004'] };
const PORTAL_ANSWER_SOURCE = { kind: 'source' as const, sources: ['002', 'csv2json'] };

/** A label is quoted as written, on one line and at most this long (the rest is cut with « … »). */
const MAX_QUOTE = 300;
const quote = (v: unknown): string => {
  const s = String(v).replace(/\s+/g, ' ').trim();
  return s.length > MAX_QUOTE ? `${s.slice(0, MAX_QUOTE)}…` : s;
};

export const S13: Rule = {
  meta: {
    id: 'S13',
    title: L('N° de dossier du JSON de sortie', 'File number of the output JSON'),
    sources: ['004', '002', 'csv2json'],
    severity: 'error',
    fixable: false,
    stated: L(
      "Le n° de dossier du JSON de solde est identique à celui du JSON de sortie de l'avance (004).",
      'The file number of the solde JSON is the one of the avance output JSON (004).',
    ),
    modelled: L('Le nom de la balise (numeroASP) en vague 2.', 'The key name (numeroASP) in vague 2.'),
    messages: {
      soldeWithout: L(
        "Demande de solde sans n° de dossier ASP : reprenez le numeroASP (FIN…) du JSON de sortie de l'avance.",
        'Solde request without an ASP file number: copy the numeroASP (FIN…) of the avance output JSON.',
      ),
      partialOutput: L(
        "JSON de sortie incomplet : cette ligne n'a pas de numeroASP alors que d'autres en ont un.",
        'Incomplete output JSON: this line has no numeroASP while others have one.',
      ),
      portalAnswer: L(
        "Réponse du portail ASP sur cette ligne : « {portalLabel} » (code {portalCode}). Les codes de traitement du portail ne sont pas publics : segur-json cite sa réponse sans l'interpréter.",
        'The ASP portal\'s answer on this line: "{portalLabel}" (code {portalCode}). The portal\'s processing codes are not public: segur-json quotes its answer without interpreting it.',
      ),
      portalCodeOnly: L(
        "Réponse du portail ASP sur cette ligne : code {portalCode}, sans libellé. Les codes de traitement du portail ne sont pas publics : segur-json cite sa réponse sans l'interpréter.",
        "The ASP portal's answer on this line: code {portalCode}, without a label. The portal's processing codes are not public: segur-json quotes its answer without interpreting it.",
      ),
      portalLabelOnly: L(
        "Réponse du portail ASP sur cette ligne : « {portalLabel} ». Les codes de traitement du portail ne sont pas publics : segur-json cite sa réponse sans l'interpréter.",
        'The ASP portal\'s answer on this line: "{portalLabel}". The portal\'s processing codes are not public: segur-json quotes its answer without interpreting it.',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    const kind = ctx.detection.kind;
    return {
      line(v) {
        // By meaning (x-role dossier of schemas/vocabulary.json), whatever the template names it.
        const dossier = propertyWithRole(v.node, v.schema, 'dossier');
        const val = dossier?.value;
        const empty = !val || val.type === 'null' || (val.type === 'string' && (val.value as string).trim() === '');
        if (!empty || (kind !== 'solde' && kind !== 'output')) return;
        const pointer = dossier ? pointerOf([...v.path, dossier.key]) : undefined;
        if (kind === 'solde') {
          ctx.report({
            messageId: 'soldeWithout',
            slug: 'solde-without-number',
            ...(val ? { node: val } : ownerSpan(v)),
            pointer: val ? pointer : undefined,
            provenance: DOSSIER_SOURCE,
          });
        } else if (kind === 'output' && val) {
          ctx.report({ messageId: 'partialOutput', slug: 'partial-output', severity: 'warning', node: val!, pointer, provenance: DOSSIER_SOURCE });
        }
      },
      end() {
        for (const l of ctx.summary()?.lines ?? []) {
          if (!l) continue;
          // Each read once (the summary makes a line's span when it is read).
          const portalCode = l.portalCode;
          const portalLabel = l.portalLabel;
          const code = answered(portalCode?.value) ? portalCode! : undefined;
          const label = answered(portalLabel?.value) ? portalLabel! : undefined;
          const at = label ?? code;
          if (!at) continue;
          const messageId = code && label ? 'portalAnswer' : code ? 'portalCodeOnly' : 'portalLabelOnly';
          const args = { portalCode: code ? quote(code.value) : '', portalLabel: label ? quote(label.value) : '' };
          const related =
            code && label
              ? [{ offset: code.offset, length: code.length, message: L('Code de traitement du portail', "The portal's processing code") }]
              : undefined;
          ctx.report({
            messageId,
            slug: 'portal-answer',
            severity: 'information',
            offset: at.offset,
            length: at.length,
            args,
            related,
            provenance: PORTAL_ANSWER_SOURCE,
          });
        }
      },
    };
  },
};
