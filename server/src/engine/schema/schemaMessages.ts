/** French/English messages for schema errors that no rule explained (keyword of the precompiled validator). */
import type { AjvError, SchemaNode } from './schemaData';
import type { Localized } from '../shared/types';
import { listValues } from './limits';

const TYPE_FR: Record<string, string> = {
  string: 'une chaîne',
  number: 'un nombre',
  integer: 'un entier',
  boolean: 'un booléen (true/false)',
  null: 'null',
  array: 'un tableau',
  object: 'un objet',
};

function typeList(t: string | string[], fr: boolean): string {
  const list = Array.isArray(t) ? t : String(t).split(',');
  return list.map((x) => (fr ? (TYPE_FR[x] ?? x) : x)).join(fr ? ' ou ' : ' or ');
}

export function schemaFallbackMessage(e: AjvError, schema: SchemaNode | undefined): Localized {
  const p = e.params;
  switch (e.keyword) {
    case 'errorMessage': {
      const inner = (p.errors as AjvError[] | undefined)?.[0];
      const en = inner ? schemaFallbackMessage(inner, schema).en : 'Invalid value.';
      return { fr: e.message ?? 'Valeur invalide.', en };
    }
    case 'type':
      return { fr: `Type attendu : ${typeList(p.type, true)}.`, en: `Expected type: ${typeList(p.type, false)}.` };
    case 'enum': {
      // At most a few values: a template's enum may hold tens of thousands (limits.ts).
      const values = p.allowedValues as unknown[];
      return {
        fr: `Valeur non autorisée. Valeurs possibles : ${listValues(values, 'fr')}.`,
        en: `Value not allowed. Allowed values: ${listValues(values, 'en')}.`,
      };
    }
    case 'const':
      return { fr: `Valeur attendue : ${JSON.stringify(p.allowedValue)}.`, en: `Expected value: ${JSON.stringify(p.allowedValue)}.` };
    case 'pattern':
      return { fr: 'Format invalide.', en: `Invalid format (expected pattern ${p.pattern}).` };
    case 'maxItems':
      return { fr: `Au plus ${p.limit} éléments.`, en: `At most ${p.limit} items.` };
    case 'minItems':
      return { fr: `Au moins ${p.limit} élément(s).`, en: `At least ${p.limit} item(s).` };
    case 'maxLength':
      return { fr: `Au plus ${p.limit} caractères.`, en: `At most ${p.limit} characters.` };
    case 'minLength':
      return {
        fr: p.limit === 1 ? 'Valeur vide non autorisée.' : `Au moins ${p.limit} caractères.`,
        en: p.limit === 1 ? 'Empty value not allowed.' : `At least ${p.limit} characters.`,
      };
    case 'minimum':
      return { fr: `Valeur minimale : ${p.limit}.`, en: `Minimum value: ${p.limit}.` };
    case 'maximum':
      return { fr: `Valeur maximale : ${p.limit}.`, en: `Maximum value: ${p.limit}.` };
    case 'required':
      return { fr: `Balise « ${p.missingProperty} » manquante.`, en: `Missing key "${p.missingProperty}".` };
    case 'additionalProperties':
      return { fr: `Balise « ${p.additionalProperty} » inconnue du modèle.`, en: `Key "${p.additionalProperty}" is not in the template.` };
    default:
      return { fr: `Non conforme au modèle (${e.keyword}).`, en: `Does not match the template (${e.keyword}).` };
  }
}
