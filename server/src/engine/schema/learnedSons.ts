/**
 * SONS the bundle does not know, from learned official templates (any SONS a template names).
 * A learned template's root says which SONS it is for (`x-sons`), its corridor (`x-corridor`), its vague (`x-vague`)
 * and the software code of its n° ANS (`x-ans-code`, e.g. `SGL` of `CVA2SGL001`): detection (detect.ts) reads them to
 * recognise a file of that SONS (n° ANS, file name, `--sons`). Pure: the templates are given by the CLI / the server.
 */
import { sonsById, type SchemaNode } from './schemaData';
import type { Localized } from '../shared/types';

/** `<CORRIDOR>-<SOFTWARE>-Va<N>`, the shape of every id of schemas/sons.json (`BIO-SGL-Va2`). */
export const SONS_ID = /^([A-Z][A-Z0-9]{1,7})-([A-Z][A-Z0-9]{0,9})-Va([1-9][0-9]?)$/i;
/** A SONS id given with `--corridor`: any id safe as a file name part (letters, digits, dashes). */
const FREE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
const CORRIDOR = /^[A-Z][A-Z0-9]{1,7}$/i;

export interface LearnedSons {
  id: string;
  corridor: string;
  vague?: number;
  /** The software code of the n° ANS (`SGL` of `CVA2SGL001`), upper case. */
  ansCode?: string;
  kinds: ('avance' | 'solde')[];
}

const L = (fr: string, en: string): Localized => ({ fr, en });

/**
 * What learn-template knows of a SONS id that is not in schemas/sons.json: its corridor (`--corridor`, else the id's
 * first part) and vague (the id's `Va<N>`); a Localized problem when the id cannot be one.
 */
export function unknownSonsInfo(id: string, corridor?: string): { corridor: string; vague?: number; software?: string } | { problem: Localized } {
  const m = SONS_ID.exec(id);
  if (corridor !== undefined && !CORRIDOR.test(corridor)) {
    return {
      problem: L(
        `--corridor ${corridor.slice(0, 20)} : un couloir est un code de 2 à 8 lettres ou chiffres (ex. IMG, BIO)`,
        `--corridor ${corridor.slice(0, 20)}: a corridor is a code of 2 to 8 letters or digits (e.g. IMG, BIO)`,
      ),
    };
  }
  if (m) return { corridor: (corridor ?? m[1]).toUpperCase(), vague: Number(m[3]), software: m[2].toUpperCase() };
  if (corridor !== undefined && FREE_ID.test(id)) {
    const v = /-Va([1-9][0-9]?)$/i.exec(id);
    return { corridor: corridor.toUpperCase(), vague: v ? Number(v[1]) : undefined };
  }
  const shown = id.length > 40 ? `${id.slice(0, 37)}…` : id;
  return {
    problem: L(
      `SONS inconnu : ${shown} ; attendu <COULOIR>-<LOGICIEL>-Va<N> (ex. BIO-SGL-Va2), ou donnez --corridor <COULOIR> avec un SONS de lettres, chiffres et tirets`,
      `unknown SONS: ${shown}; expected <CORRIDOR>-<SOFTWARE>-Va<N> (e.g. BIO-SGL-Va2), or give --corridor <CORRIDOR> with a SONS of letters, digits and dashes`,
    ),
  };
}

/** The SONS of the learned templates that schemas/sons.json does not know, one per id (kinds merged). */
export function learnedSonsOf(templates: Record<string, SchemaNode> | undefined): LearnedSons[] {
  if (!templates) return [];
  const byId = new Map<string, LearnedSons>();
  for (const key of Object.keys(templates)) {
    const t = templates[key];
    if (t === null || typeof t !== 'object') continue;
    const id = t['x-sons'];
    const kind = t['x-kind'];
    const corridor = t['x-corridor'];
    if (typeof id !== 'string' || sonsById(id) || (kind !== 'avance' && kind !== 'solde')) continue;
    const fromId = SONS_ID.exec(id);
    const vague = typeof t['x-vague'] === 'number' ? t['x-vague'] : fromId ? Number(fromId[3]) : undefined;
    const ans = typeof t['x-ans-code'] === 'string' && t['x-ans-code'] ? t['x-ans-code'].toUpperCase() : undefined;
    let s = byId.get(id.toLowerCase());
    if (!s) {
      s = {
        id,
        corridor: typeof corridor === 'string' && corridor ? corridor : fromId ? fromId[1].toUpperCase() : id.split('-')[0].toUpperCase(),
        vague,
        ansCode: ans,
        kinds: [],
      };
      byId.set(id.toLowerCase(), s);
    }
    if (!s.ansCode && ans) s.ansCode = ans;
    if (!s.kinds.includes(kind)) s.kinds.push(kind);
  }
  return [...byId.values()];
}
