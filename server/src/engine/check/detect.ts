/**
 * Stage 2: detection of the kind (avance / solde / output JSON of an avance) and of the SONS, from an explicit
 * option, the content (n° ANS such as `CVA2RIS001`, n° dossier such as `FINIMG013656M0`, blocks present), or the
 * file name. The reason is part of the result (rule S1: each format is validated against its own schema).
 */
import type { CheckOptions, Detection, Kind, Localized } from '../shared/types';
import type { JsonNode } from '../syntax/tree';
import { getNodeValue } from 'jsonc-parser';
import { LINES_KEY, SONS_TABLE, sonsById, getValidator } from '../schema/schemaData';
import { learnedSonsOf, type LearnedSons } from '../schema/learnedSons';
import { shallowValue } from '../syntax/parse';

/** What detection needs of a SONS: one of schemas/sons.json, or one that only a learned template knows. */
interface SonsInfo {
  id: string;
  corridor: string;
  vague?: number;
  kinds: readonly string[];
  learned?: boolean;
}

const HEADER_KEYS = ['impid', 'numeroans', 'siret', LINES_KEY.toLowerCase()];
const SOLDE_BLOCKS = ['facture', 'va'];
const AVANCE_BLOCKS = ['commande'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An object's values by trimmed, lower-cased key (the last one wins). */
function lowerKeys(obj: unknown): Map<string, unknown> {
  const m = new Map<string, unknown>();
  if (isObj(obj)) for (const k in obj) m.set(k.trim().toLowerCase(), obj[k]);
  return m;
}

function stringAt(obj: unknown, key: string): string | undefined {
  const v = lowerKeys(obj).get(key.toLowerCase());
  return typeof v === 'string' ? v.trim() : undefined;
}

/** `CVA2RIS001` → vague 2, software RIS (the pattern is modelled from this single example of seed 000). */
export function parseAnsNumber(v: string | undefined): { vague?: number; software?: string } {
  const m = v ? /^C(?:VA([12]))?([A-Z]{2,5}?)[0-9]{3,4}$/.exec(v.toUpperCase()) : null;
  return m ? { vague: m[1] ? Number(m[1]) : undefined, software: m[2] } : {};
}

/** `FINIMG013656M0` → IMG (rule I8: FIN + corridor + digits). */
export function corridorOfDossier(v: string | undefined): string | undefined {
  const m = v ? /^FIN([A-Z0-9]{3})\d/.exec(v.toUpperCase()) : null;
  return m?.[1];
}

function fromFileName(name: string | undefined, learned: LearnedSons[] = []): { sons?: SonsInfo; kind?: 'avance' | 'solde' } {
  if (!name) return {};
  const base = name.split(/[\\/]/).pop()!.toLowerCase();
  const kind = /solde/.test(base) ? 'solde' : /avance/.test(base) ? 'avance' : undefined;
  const norm = base.replace(/[_\s.]/g, '-');
  // Longest id first so that `MDV-LGC-Va2` is not taken for a shorter one.
  const ids = SONS_TABLE.sons.map((s) => s.id).sort((a, b) => b.length - a.length);
  let sons: SonsInfo | undefined = ids.map((id) => sonsById(id)!).find((s) => norm.includes(s.id.toLowerCase()));
  // Also `.../IMG-RIS-Va2/solde.json` (the examples/ layout).
  if (!sons) {
    const parts = name.split(/[\\/]/).map((p) => p.toLowerCase());
    sons = SONS_TABLE.sons.find((s) => parts.includes(s.id.toLowerCase()));
  }
  // Then the SONS of the learned templates (any SONS a template names), longest id first, in the name or a folder.
  if (!sons && learned.length) {
    const parts = name.split(/[\\/]/).map((p) => p.toLowerCase());
    const hit = [...learned].sort((a, b) => b.id.length - a.id.length).find((s) => norm.includes(s.id.toLowerCase()) || parts.includes(s.id.toLowerCase()));
    if (hit) sons = { ...hit, learned: true };
  }
  return { sons, kind };
}

const L = (fr: string, en: string): Localized => ({ fr, en });

/** A Ségur document: its value has the header keys (impId, numeroAns, siret) and request lines. */
export function isSegurDocument(value: unknown): boolean {
  if (!isObj(value)) return false;
  const keys = lowerKeys(value);
  const hits = HEADER_KEYS.filter((k) => keys.has(k)).length;
  return keys.has(LINES_KEY.toLowerCase()) ? hits >= 2 || keys.size <= 2 : hits >= 3;
}

const enum KeyKind {
  Other = 0,
  Solde = 1,
  Avance = 2,
  Asp = 3,
}

function kindFromContent(value: unknown): { kind?: Kind; why?: Localized } {
  let solde = 0;
  let avance = 0;
  let filled = 0;
  const lines = lowerKeys(value).get(LINES_KEY.toLowerCase());
  // What each key means here, decided once per distinct key (the lines repeat the same keys: trimming and lower-casing
  // every key of every line built a string per key, 10 per request line).
  const meaning = new Map<string, KeyKind>();
  for (const line of Array.isArray(lines) ? lines : []) {
    if (!isObj(line)) continue;
    let isSolde = false;
    let isAvance = false;
    for (const key in line) {
      let m = meaning.get(key);
      if (m === undefined) {
        const k = key.trim().toLowerCase();
        m = SOLDE_BLOCKS.includes(k) ? KeyKind.Solde : AVANCE_BLOCKS.includes(k) ? KeyKind.Avance : k === 'numeroasp' ? KeyKind.Asp : KeyKind.Other;
        meaning.set(key, m);
      }
      if (m === KeyKind.Solde) isSolde = true;
      else if (m === KeyKind.Avance) isAvance = true;
      else if (m === KeyKind.Asp) {
        const asp = line[key];
        if (typeof asp === 'string' && asp.trim() !== '') filled++;
      }
    }
    if (isSolde) solde++;
    if (isAvance) avance++;
  }
  if (solde > avance) return { kind: 'solde', why: L('blocs « facture »/« VA » présents', '"facture"/"VA" blocks present') };
  if (avance > 0) {
    if (filled > 0)
      return {
        kind: 'output',
        why: L('bloc « commande » et n° de dossier ASP renseigné (JSON de sortie)', '"commande" block and ASP file number filled in (output JSON)'),
      };
    return { kind: 'avance', why: L('bloc « commande » présent', '"commande" block present') };
  }
  return {};
}

function sonsFromContent(root: unknown, kind: Kind | undefined, learned: LearnedSons[] = []): { sons?: SonsInfo; why?: Localized } {
  const ans = parseAnsNumber(stringAt(root, 'numeroAns'));
  if (ans.software) {
    const fits = (s: { vague?: number; kinds: string[] }) =>
      (ans.vague === undefined || s.vague === undefined || s.vague === ans.vague) && (!kind || s.kinds.includes(kind === 'output' ? 'avance' : kind));
    const match = SONS_TABLE.sons.filter((s) => (s.ansCode ?? s.software).toUpperCase() === ans.software && fits(s));
    if (match.length === 1)
      return { sons: match[0], why: L(`n° ANS (${ans.software}, vague ${match[0].vague})`, `ANS number (${ans.software}, wave ${match[0].vague})`) };
    // The n° ANS software code a learned template recorded (x-ans-code), when the bundle knows none.
    if (match.length === 0) {
      const mine = learned.filter((s) => s.ansCode === ans.software && fits(s));
      if (mine.length === 1)
        return {
          sons: { ...mine[0], learned: true },
          why: L(`n° ANS (${ans.software}) du modèle appris ${mine[0].id}`, `ANS number (${ans.software}) of the learned template ${mine[0].id}`),
        };
    }
  }
  return {};
}

/** Among the SONS of a kind (and corridor, when known), the schema that the document breaks the least. */
function closestSons(value: unknown, kind: Kind, corridor: string | undefined): SonsInfo | undefined {
  let best: SonsInfo | undefined;
  let bestErrors = Infinity;
  for (const s of SONS_TABLE.sons) {
    if (corridor && s.corridor !== corridor) continue;
    const validate = getValidator(s.id, kind);
    if (!validate) continue;
    const n = validate(value) ? 0 : (validate.errors?.length ?? Infinity);
    if (n < bestErrors) {
      bestErrors = n;
      best = s;
    }
  }
  return best;
}

/**
 * Detection reads values: the document's `JSON.parse` value, or on broken syntax the value of the recovered tree.
 */
export function detect(root: JsonNode | undefined, value: unknown, options: CheckOptions): Detection {
  const learned = learnedSonsOf(options.templates);
  const forcedLearned = options.sons ? learned.find((s) => s.id.toLowerCase() === options.sons!.trim().toLowerCase()) : undefined;
  const forcedSons: SonsInfo | undefined = sonsById(options.sons) ?? (forcedLearned ? { ...forcedLearned, learned: true } : undefined);
  const doc = value !== undefined ? value : root ? getNodeValue(root as never) : undefined;
  if (!isSegurDocument(doc) && !forcedSons && !options.kind) {
    return {
      isSegur: false,
      reason: L('pas un fichier Ségur (ni impId/numeroAns/siret/lignesImport)', 'not a Ségur file (no impId/numeroAns/siret/lignesImport)'),
    };
  }
  const why: Localized[] = [];
  const file = fromFileName(options.fileName, learned);
  let kind: Kind | undefined = options.kind;
  if (kind) why.push(L('type imposé par option', 'kind set by option'));
  const content = doc !== undefined ? kindFromContent(doc) : {};
  if (!kind && content.kind) {
    kind = content.kind;
    why.push(content.why!);
  } else if (kind === 'avance' && content.kind === 'output') kind = 'output';
  if (!kind && file.kind) {
    kind = file.kind;
    why.push(L('nom du fichier', 'file name'));
  }
  let sons = forcedSons;
  if (sons) why.push(L('SONS imposé par option', 'SONS set by option'));
  if (!sons && doc !== undefined) {
    const c = sonsFromContent(doc, kind, learned);
    if (c.sons) {
      sons = c.sons;
      why.push(c.why!);
    }
  }
  if (!sons && file.sons) {
    sons = file.sons;
    why.push(L('nom du fichier', 'file name'));
  }
  const lines = lowerKeys(doc).get(LINES_KEY.toLowerCase());
  const firstLine = Array.isArray(lines) ? lines[0] : undefined;
  const corridor = corridorOfDossier(stringAt(firstLine, 'numeroASP'));
  if (!sons && kind && value !== undefined) {
    sons = closestSons(value, kind, corridor);
    if (sons) why.push(L('structure la plus proche des modèles', 'closest structure among the models'));
  }
  if (sons && !kind) {
    kind = sons.kinds.length === 1 ? (sons.kinds[0] as Kind) : undefined;
    if (kind) why.push(L(`seul type connu pour ${sons.id}`, `only kind known for ${sons.id}`));
  }
  return {
    isSegur: true,
    kind,
    sons: sons?.id,
    corridor: sons?.corridor ?? corridor,
    vague: sons?.vague,
    reason: { fr: why.map((w) => w.fr).join(' ; ') || 'indéterminé', en: why.map((w) => w.en).join('; ') || 'undetermined' },
  };
}

/**
 * Detection of a text nested too deep for a tree (parse.ts gives no value): from its first level (shallowValue, any
 * depth), else from its file name (a Ségur name: `…solde….json` of a known SONS), else from a request list near the
 * start. Ségur by any of these; « not Ségur » only when none says so.
 */
export function detectTooDeep(text: string, options: CheckOptions): Detection {
  const first = shallowValue(text);
  const d = detect(undefined, first, options);
  if (d.isSegur) return d;
  const file = fromFileName(options.fileName, learnedSonsOf(options.templates));
  if (file.sons || file.kind || /"lignesImport"/i.test(text.slice(0, 65536))) {
    return {
      isSegur: true,
      kind: file.kind,
      sons: file.sons?.id,
      corridor: file.sons?.corridor,
      vague: file.sons?.vague,
      reason: L('trop imbriqué pour être lu en entier (nom du fichier ou début du texte)', 'nested too deep to be read whole (file name or start of the text)'),
    };
  }
  return d;
}
