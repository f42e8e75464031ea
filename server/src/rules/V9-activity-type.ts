/**
 * V9 — IMG activity type: radiologie, médecine nucléaire, or mixte; mixte only for an establishment, a libéral
 * doctor cannot be both (source 003). The allowed spellings are the schema's enumeration (`x-rule: V9`).
 */
import { enumRule } from './enumRule';
import { fold, L } from './util';
import { keyMeans } from '../engine/rule-api';

export const V9 = enumRule(
  {
    id: 'V9',
    title: L("Type d'activité (imagerie)", 'Activity type (imaging)'),
    sources: ['003', '000'],
    severity: 'error',
    fixable: true,
    stated: L(
      "Activité radiologie, médecine nucléaire ou mixte, mixte pour un établissement seulement (003) ; « Radiologie » dans l'exemple 000.",
      'Activity radiology, nuclear medicine or mixed, mixed for an establishment only (003); "Radiologie" in the 000 example.',
    ),
    modelled: L(
      'La graphie de « Medecine nucleaire » et « Mixte » : une valeur hors liste est un avertissement [modélisé].',
      'The spelling of "Medecine nucleaire" and "Mixte": a value outside the list is a [modelled] warning.',
    ),
  },
  {
    liberalMixte: L(
      'Un médecin libéral ne peut pas être « mixte » : choisissez radiologie ou médecine nucléaire ({allowed}).',
      'A libéral doctor cannot be "mixte": choose radiology or nuclear medicine ({allowed}).',
    ),
  },
  (value, allowed, path) =>
    fold(value) === 'mixte' && path.some((k) => typeof k === 'string' && keyMeans(k, 'liberalDoctors')) && !allowed.some((a) => fold(String(a)) === 'mixte')
      ? 'liberalMixte'
      : undefined,
);
