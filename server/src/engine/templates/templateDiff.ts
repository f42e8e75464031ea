/**
 * Official templates: how an official blank template differs from the bundled model, so that a
 * user sees at once what our model got wrong. Pure: two schemas in (the template learned from the blank by
 * learnTemplate, the bundled schema of schemaData), a list of differences out, each with its JSON path:
 * - `added` / `removed`: a key only in the template / only in the model;
 * - `renamed`: a template key that is a variant of an absent model key — blanks (S8), case (S6), plural (S5) or a
 *   close spelling, found by the engine's own key analysis (walk.ts `guessKey`, the near-miss search of S1/S5/S6/S8),
 *   else a key of the same kind sharing the model key's stem (the first 5 letters or more, e.g. `finessGeographique`
 *   for `FINESGeos`), told as a guess;
 * - `moved`: a key present on both sides whose place differs (the keys outside the longest common order, S7);
 * - `type`: a block `[]` vs a tag `null` vs an object `{}` (S2/S3), or, when the example gives it, a tag's scalar
 *   type the model does not allow.
 */
import { isBlock, isType, type SchemaNode } from '../schema/schemaData';
import type { Localized } from '../shared/types';
import { guessKey } from '../check/walk';

export type Shape = 'block' | 'tag' | 'object';

export type TemplateDifference =
  | { change: 'added'; path: string; key: string; shape: Shape }
  | { change: 'removed'; path: string; key: string; shape: Shape; optional: boolean }
  | { change: 'renamed'; path: string; key: string; modelKey: string; modelPath: string; reason: 'case' | 'plural' | 'space' | 'spelling' | 'stem' }
  | { change: 'moved'; path: string; key: string; templateIndex: number; modelIndex: number; templateAfter: string | null; modelAfter: string | null }
  | { change: 'type'; path: string; key: string; template: string; model: string };

/** The least shared stem (folded letters) for a `stem` rename: `fines` of `finessGeographique` / `FINESGeos`. */
export const STEM_MIN = 5;

const SCALARS = ['string', 'number', 'integer', 'boolean'];

/** How a key is written in a blank: a block `[]`, an object `{…}`, or a tag `null`. */
export function shapeOf(s: SchemaNode | undefined): Shape {
  if (!s) return 'tag';
  if (isType(s, 'null')) return 'tag';
  if (isBlock(s)) return 'block';
  if (isType(s, 'object')) return 'object';
  return 'tag';
}

const typesOf = (s: SchemaNode): string[] => (s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== 'null');

/** The scalar types of a learned tag the model does not allow (only when learned from an example value). */
function scalarChange(learned: SchemaNode, model: SchemaNode): { template: string; model: string } | undefined {
  const lt = typesOf(learned);
  const mt = typesOf(model);
  // Without an example value the learned tag keeps the model's types, or any scalar: nothing learned, nothing told.
  if (lt.length !== 1 || mt.length === 0 || !SCALARS.includes(lt[0])) return undefined;
  const allowed = (t: string) => mt.includes(t) || (t === 'integer' && mt.includes('number'));
  return allowed(lt[0]) ? undefined : { template: lt[0], model: mt.join('|') };
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();

function stem(a: string, b: string): number {
  const x = fold(a);
  const y = fold(b);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

/** Indexes (in `seq`) of one longest increasing subsequence: the keys that keep their relative order. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(i);
  return keep;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * The differences of a learned template from the bundled model, in template order (a removed key where the model
 * has it). Empty when the blank has the model's structure.
 */
export function templateDiff(learned: SchemaNode, model: SchemaNode): TemplateDifference[] {
  const out: TemplateDifference[] = [];
  const visit = (l: SchemaNode, m: SchemaNode, path: string, modelPath: string, key: string) => {
    const ls = shapeOf(l);
    const ms = shapeOf(m);
    if (ls !== ms) {
      out.push({ change: 'type', path, key, template: ls, model: ms });
      return;
    }
    if (ls === 'tag') {
      const c = scalarChange(l, m);
      if (c) out.push({ change: 'type', path, key, ...c });
      return;
    }
    if (ls === 'block') {
      // A blank's empty block learns its item from the example, else keeps the model's: compared only when learned.
      if (l.items && m.items && l.items !== m.items) visit(l.items, m.items, `${path}[]`, `${modelPath}[]`, key);
      return;
    }
    objects(l, m, path, modelPath);
  };
  const objects = (l: SchemaNode, m: SchemaNode, path: string, modelPath: string) => {
    const lp = l.properties ?? {};
    const mp = m.properties ?? {};
    const lKeys = Object.keys(lp);
    const mKeys = Object.keys(mp);
    const mRank = new Map(mKeys.map((k, i) => [k, i]));
    const lSet = new Set(lKeys);
    const absent = mKeys.filter((k) => !lSet.has(k));
    // Template key → model key: the same key, or the rename found for it.
    const target = new Map<string, string>();
    const renamed = new Map<string, TemplateDifference & { change: 'renamed' }>();
    for (const k of lKeys) if (mRank.has(k)) target.set(k, k);
    const unknown = lKeys.filter((k) => !mRank.has(k));
    let free = absent.slice();
    for (const k of unknown) {
      const g = free.length ? guessKey(k, free) : undefined;
      if (!g) continue;
      target.set(k, g.target);
      free = free.filter((c) => c !== g.target);
      renamed.set(k, { change: 'renamed', path: join(path, k), key: k, modelKey: g.target, modelPath: join(modelPath, g.target), reason: g.reason });
    }
    for (const k of unknown) {
      if (target.has(k)) continue;
      let best: string | undefined;
      let bestLen = STEM_MIN - 1;
      for (const c of free) {
        const n = stem(k, c);
        if (n > bestLen && shapeOf(lp[k]) === shapeOf(mp[c])) {
          best = c;
          bestLen = n;
        }
      }
      if (!best) continue;
      const b = best;
      target.set(k, b);
      free = free.filter((c) => c !== b);
      renamed.set(k, { change: 'renamed', path: join(path, k), key: k, modelKey: b, modelPath: join(modelPath, b), reason: 'stem' });
    }
    // Moved: the keys on both sides outside one longest common order.
    const both = lKeys.filter((k) => target.has(k));
    const keep = longestIncreasing(both.map((k) => mRank.get(target.get(k)!)!));
    const moved = new Map<string, TemplateDifference>();
    both.forEach((k, i) => {
      if (keep.has(i)) return;
      const mk = target.get(k)!;
      const li = lKeys.indexOf(k);
      const mi = mRank.get(mk)!;
      moved.set(k, {
        change: 'moved',
        path: join(path, k),
        key: k,
        templateIndex: li,
        modelIndex: mi,
        templateAfter: li > 0 ? lKeys[li - 1] : null,
        modelAfter: mi > 0 ? mKeys[mi - 1] : null,
      });
    });
    const removed = free.map((k): TemplateDifference => ({
      change: 'removed',
      path: join(modelPath, k),
      key: k,
      shape: shapeOf(mp[k]),
      optional: (m['x-optional'] ?? []).includes(k),
    }));
    // Removed keys are told where the model has them: before the first template key that follows them in the model.
    let r = 0;
    const flushRemoved = (upTo: number) => {
      while (r < removed.length && mRank.get(removed[r].key)! < upTo) out.push(removed[r++]);
    };
    for (const k of lKeys) {
      const mk = target.get(k);
      if (mk !== undefined && !moved.has(k)) flushRemoved(mRank.get(mk)!);
      if (mk === undefined) {
        out.push({ change: 'added', path: join(path, k), key: k, shape: shapeOf(lp[k]) });
        continue;
      }
      const rn = renamed.get(k);
      if (rn) out.push(rn);
      const mv = moved.get(k);
      if (mv) out.push(mv);
      visit(lp[k], mp[mk], join(path, k), join(modelPath, mk), k);
    }
    flushRemoved(Infinity);
  };
  visit(learned, model, '', '', '');
  return out;
}

const SHAPE: Record<string, Localized> = {
  block: { fr: 'bloc []', en: 'block []' },
  tag: { fr: 'balise null', en: 'tag null' },
  object: { fr: 'objet {}', en: 'object {}' },
};
const shapeText = (s: string): Localized => SHAPE[s] ?? { fr: s, en: s };

const REASON: Record<string, Localized> = {
  case: { fr: 'casse', en: 'case' },
  plural: { fr: '« s » du pluriel', en: 'plural "s"' },
  space: { fr: 'espaces', en: 'spaces' },
  spelling: { fr: 'orthographe voisine', en: 'close spelling' },
  stem: { fr: 'même radical, à confirmer', en: 'same stem, to be confirmed' },
};

/** One line per difference, in French and in English. */
export function describeDifference(d: TemplateDifference): Localized {
  const after = (k: string | null): Localized => (k === null ? { fr: 'en tête', en: 'first' } : { fr: `après « ${k} »`, en: `after "${k}"` });
  switch (d.change) {
    case 'added': {
      const s = shapeText(d.shape);
      return { fr: `ajoutée : ${d.path} (${s.fr}) — absente du modèle fourni`, en: `added: ${d.path} (${s.en}) — not in the bundled model` };
    }
    case 'removed': {
      const s = shapeText(d.shape);
      return {
        fr: `retirée : ${d.path} (${s.fr}) — le modèle officiel ne l'a pas${d.optional ? ' (facultative dans le modèle fourni)' : ''}`,
        en: `removed: ${d.path} (${s.en}) — the official template does not have it${d.optional ? ' (optional in the bundled model)' : ''}`,
      };
    }
    case 'renamed': {
      const r = REASON[d.reason];
      return { fr: `renommée : ${d.modelPath} → ${d.path} (${r.fr})`, en: `renamed: ${d.modelPath} → ${d.path} (${r.en})` };
    }
    case 'moved': {
      const t = after(d.templateAfter);
      const m = after(d.modelAfter);
      return {
        fr: `déplacée : ${d.path} — modèle officiel : ${t.fr} ; modèle fourni : ${m.fr}`,
        en: `moved: ${d.path} — official template: ${t.en}; bundled model: ${m.en}`,
      };
    }
    case 'type': {
      const t = shapeText(d.template);
      const m = shapeText(d.model);
      return {
        fr: `type changé : ${d.path} — modèle officiel : ${t.fr} ; modèle fourni : ${m.fr}`,
        en: `type changed: ${d.path} — official template: ${t.en}; bundled model: ${m.en}`,
      };
    }
  }
}
