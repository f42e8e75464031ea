/**
 * Stage 2: detection of the kind (avance / solde / output JSON of an avance) and of the SONS, from an explicit
 * option, the content (n° ANS such as `CVA2RIS001`, n° dossier such as `FINIMG013656M0`, blocks present), or the
 * file name. The reason is part of the result (rule S1: each format is validated against its own schema).
 */
import type { CheckOptions, Detection, Kind, Localized } from './types';
import type { JsonNode } from './tree';
import { propKey } from './tree';
import { LINES_KEY, SONS_TABLE, sonsById, getValidator, type SonsInfo } from './schemaData';

const HEADER_KEYS = ['impid', 'numeroans', 'siret', LINES_KEY.toLowerCase()];
const SOLDE_BLOCKS = ['facture', 'va'];
const AVANCE_BLOCKS = ['commande'];

function lowerKeys(obj: JsonNode | undefined): Map<string, JsonNode> {
  const m = new Map<string, JsonNode>();
  if (obj?.type === 'object') for (const p of obj.children ?? []) if (p.children?.[0]) m.set(propKey(p).trim().toLowerCase(), p.children[1]);
  return m;
}

function stringAt(obj: JsonNode | undefined, key: string): string | undefined {
  const v = lowerKeys(obj).get(key.toLowerCase());
  return v?.type === 'string' ? (v.value as string).trim() : undefined;
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

function fromFileName(name: string | undefined): { sons?: SonsInfo; kind?: 'avance' | 'solde' } {
  if (!name) return {};
  const base = name.split(/[\\/]/).pop()!.toLowerCase();
  const kind = /solde/.test(base) ? 'solde' : /avance/.test(base) ? 'avance' : undefined;
  const norm = base.replace(/[_\s.]/g, '-');
  // Longest id first so that `MDV-LGC-Va2` is not taken for a shorter one.
  const ids = SONS_TABLE.sons.map((s) => s.id).sort((a, b) => b.length - a.length);
  let sons = ids.map((id) => sonsById(id)!).find((s) => norm.includes(s.id.toLowerCase()));
  // Also `.../IMG-RIS-Va2/solde.json` (the examples/ layout).
  if (!sons) {
    const parts = name.split(/[\\/]/).map((p) => p.toLowerCase());
    sons = SONS_TABLE.sons.find((s) => parts.includes(s.id.toLowerCase()));
  }
  return { sons, kind };
}

const L = (fr: string, en: string): Localized => ({ fr, en });

export function isSegurDocument(root: JsonNode | undefined): boolean {
  if (root?.type !== 'object') return false;
  const keys = lowerKeys(root);
  const hits = HEADER_KEYS.filter((k) => keys.has(k)).length;
  return keys.has(LINES_KEY.toLowerCase()) ? hits >= 2 || (root.children?.length ?? 0) <= 2 : hits >= 3;
}

function kindFromContent(root: JsonNode): { kind?: Kind; why?: Localized } {
  const lines = lowerKeys(root).get(LINES_KEY.toLowerCase());
  let solde = 0;
  let avance = 0;
  let filled = 0;
  for (const line of lines?.type === 'array' ? lines.children ?? [] : []) {
    if (line.type !== 'object') continue;
    let isSolde = false;
    let isAvance = false;
    for (const p of line.children ?? []) {
      const k = (propKey(p) ?? '').trim().toLowerCase();
      if (SOLDE_BLOCKS.includes(k)) isSolde = true;
      else if (AVANCE_BLOCKS.includes(k)) isAvance = true;
      else if (k === 'numeroasp') {
        const asp = p.children?.[1];
        if (asp && asp.type === 'string' && (asp.value as string).trim() !== '') filled++;
      }
    }
    if (isSolde) solde++;
    if (isAvance) avance++;
  }
  if (solde > avance) return { kind: 'solde', why: L('blocs « facture »/« VA » présents', '"facture"/"VA" blocks present') };
  if (avance > 0) {
    if (filled > 0) return { kind: 'output', why: L('bloc « commande » et n° de dossier ASP renseigné (JSON de sortie)', '"commande" block and ASP file number filled in (output JSON)') };
    return { kind: 'avance', why: L('bloc « commande » présent', '"commande" block present') };
  }
  return {};
}

function sonsFromContent(root: JsonNode, kind: Kind | undefined): { sons?: SonsInfo; why?: Localized } {
  const ans = parseAnsNumber(stringAt(root, 'numeroAns'));
  if (ans.software) {
    const match = SONS_TABLE.sons.filter((s) => (s.ansCode ?? s.software).toUpperCase() === ans.software && (ans.vague === undefined || s.vague === ans.vague) && (!kind || s.kinds.includes(kind === 'output' ? 'avance' : kind)));
    if (match.length === 1) return { sons: match[0], why: L(`n° ANS (${ans.software}, vague ${match[0].vague})`, `ANS number (${ans.software}, wave ${match[0].vague})`) };
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
    const n = validate(value) ? 0 : validate.errors?.length ?? Infinity;
    if (n < bestErrors) {
      bestErrors = n;
      best = s;
    }
  }
  return best;
}

export function detect(root: JsonNode | undefined, value: unknown, options: CheckOptions): Detection {
  const forcedSons = sonsById(options.sons);
  if (!isSegurDocument(root) && !forcedSons && !options.kind) {
    return { isSegur: false, reason: L('pas un fichier Ségur (ni impId/numeroAns/siret/lignesImport)', 'not a Ségur file (no impId/numeroAns/siret/lignesImport)') };
  }
  const why: Localized[] = [];
  const file = fromFileName(options.fileName);
  let kind: Kind | undefined = options.kind;
  if (kind) why.push(L('type imposé par option', 'kind set by option'));
  const content = root ? kindFromContent(root) : {};
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
  if (!sons && root) {
    const c = sonsFromContent(root, kind);
    if (c.sons) {
      sons = c.sons;
      why.push(c.why!);
    }
  }
  if (!sons && file.sons) {
    sons = file.sons;
    why.push(L('nom du fichier', 'file name'));
  }
  const lines = root ? lowerKeys(root).get(LINES_KEY.toLowerCase()) : undefined;
  const firstLine = lines?.type === 'array' ? lines.children?.[0] : undefined;
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

