/**
 * I7 — Pilot identifiers (vague 2): LGC → RPPS (libéral) or FINESS juridique (structure); RIS → SIREN; DPI/PFI →
 * FINESS PMSI (source 000, "Les ES pilotes doivent être identifiés comme suit"). The keys that can carry a pilot
 * identifier are marked `x-pilot: <identifier>` in schemas/; those of the SONS's `pilotIdentifier` (schemas/sons.json)
 * must be filled in for each beneficiary.
 */
import { getProperty, valueAtHand, type Rule, type SchemaNode } from '../engine/rule-api';
import { L, pointerOf, keyNodeOf } from './util';

export const I7: Rule = {
  meta: {
    id: 'I7',
    title: L('Identifiant du pilote renseigné', 'Pilot identifier filled in'),
    sources: ['000'],
    severity: 'error',
    fixable: false,
    stated: L(
      'Les pilotes sont identifiés par le RPPS ou le FINESS juridique (LGC), le SIREN (RIS), le FINESS PMSI (DPI, PFI) (000).',
      'Pilots are identified by the RPPS or legal FINESS (LGC), the SIREN (RIS), the PMSI FINESS (DPI, PFI) (000).',
    ),
    modelled: L(
      'Les balises qui portent ces identifiants dans les modèles modélisés : avertissement [modélisé].',
      'The keys that carry these identifiers in modelled templates: a [modelled] warning.',
    ),
    messages: {
      missing: L(
        "« {key} » est l'identifiant du pilote pour {sons} : il doit être renseigné pour chaque bénéficiaire.",
        '"{key}" is the pilot identifier for {sons}: it must be filled in for each beneficiary.',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    const hasOwn = Object.prototype.hasOwnProperty;
    const pid = ctx.sons?.pilotIdentifier;
    const wanted = new Set(Array.isArray(pid) ? pid : pid ? [pid] : []);
    // The pilot keys of each object schema, found once per schema node (not once per object of the document).
    const pilotKeys = new Map<object, string[]>();
    const keysOf = (props: Record<string, SchemaNode>) => {
      let k = pilotKeys.get(props);
      if (!k) {
        k = Object.keys(props).filter((key) => wanted.has(props[key]['x-pilot'] as string));
        pilotKeys.set(props, k);
      }
      return k;
    };
    return {
      only: { object: (s) => wanted.size > 0 && s.properties !== undefined && keysOf(s.properties).length > 0 },
      object(v) {
        const props = v.schema?.properties;
        if (!props || wanted.size === 0) return;
        const node = v.node;
        // On the fast path the value is read from JSON.parse's object: nodes are made only for a finding (building the
        // property, key and array item nodes of every pilot key of every line cost ~360 bytes per request line).
        const raw = valueAtHand(node) as Record<string, unknown> | undefined;
        for (const key of keysOf(props)) {
          if (raw !== undefined) {
            if (!hasOwn.call(raw, key)) continue;
            const x = raw[key];
            if (!((typeof x === 'string' && x.trim() === '') || (Array.isArray(x) && x.length === 0))) continue;
          }
          const prop = getProperty(node, key);
          const val = prop?.children?.[1];
          if (!prop || !val) continue; // a missing key is S2/S3
          // null is S3's "to fill in"; here an empty value.
          const empty = (val.type === 'string' && (val.value as string).trim() === '') || (val.type === 'array' && (val.children?.length ?? 0) === 0);
          if (empty)
            ctx.report({
              messageId: 'missing',
              args: { key, sons: ctx.detection.sons ?? '' },
              node: keyNodeOf(prop),
              pointer: pointerOf([...v.path, key]),
              basis: 'key',
            });
        }
      },
    };
  },
};
