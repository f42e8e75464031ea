/**
 * The rule documentation generated from the rule registry: docs/rules.md (Markdown, for the repository) and
 * docs/rules.html (self-contained page, one anchor per rule: `#s5`), in French and English. Each diagnostic links
 * to its rule's section (the VS Code client shows that section rendered, other LSP clients open the HTML page).
 * Messages are shown with readable stand-ins for their `{placeholders}` (« Balise « balise » : le modèle écrit
 * « nom attendu » »): no `{key}` is ever shown to a reader.
 */
import { RULES, PROJECT_RULES, SOURCE_IDS, sourceKind, sourceName, type Locale, type Localized, type SourceKind } from '../segur';

/** A readable stand-in for each message placeholder (shown in italics). */
export const STAND_INS: Record<string, Localized> = {
  size: { fr: 'taille', en: 'size' },
  actual: { fr: 'format du contenu', en: 'content format' },
  claimed: { fr: 'format annoncé', en: 'format claimed' },
  key: { fr: 'balise', en: 'key' },
  model: { fr: 'SONS type', en: 'SONS kind' },
  target: { fr: 'nom attendu', en: 'expected name' },
  reason: { fr: 'raison', en: 'reason' },
  what: { fr: 'erreur de syntaxe', en: 'syntax error' },
  whatEn: { fr: 'erreur de syntaxe', en: 'syntax error' },
  reasonFr: { fr: 'raison', en: 'reason' },
  reasonEn: { fr: 'raison', en: 'reason' },
  found: { fr: 'valeur trouvée', en: 'value found' },
  expected: { fr: 'valeur attendue', en: 'expected value' },
  value: { fr: 'valeur', en: 'value' },
  after: { fr: 'balise suivante', en: 'next key' },
  count: { fr: 'N', en: 'N' },
  max: { fr: 'maximum', en: 'maximum' },
  other: { fr: 'n° de ligne', en: 'line number' },
  line: { fr: 'n° de ligne', en: 'line number' },
  regime: { fr: 'régime', en: 'regime' },
  first: { fr: 'régime de la ligne 1', en: 'regime of line 1' },
  detail: { fr: 'détail', en: 'detail' },
  label: { fr: 'identifiant', en: 'identifier' },
  labelFr: { fr: 'identifiant', en: 'identifier' },
  labelEn: { fr: 'identifiant', en: 'identifier' },
  hint: { fr: 'conseil', en: 'hint' },
  hintEn: { fr: 'conseil', en: 'hint' },
  amount: { fr: 'montant', en: 'amount' },
  tranche: { fr: 'n°', en: 'no.' },
  prestation: { fr: 'type de prestation', en: 'prestation type' },
  vat: { fr: 'régime et taux', en: 'regime and rate' },
  from: { fr: 'n°', en: 'no.' },
  to: { fr: 'n°', en: 'no.' },
  ceiling: { fr: 'plafond', en: 'ceiling' },
  rate: { fr: 'taux', en: 'rate' },
  allowed: { fr: 'valeurs admises', en: 'allowed values' },
  format: { fr: 'format', en: 'format' },
  sons: { fr: 'SONS', en: 'SONS' },
  avance: { fr: "valeur de l'avance", en: 'avance value' },
  solde: { fr: 'montant du solde', en: 'solde amount' },
  paid: { fr: 'montant versé', en: 'amount paid' },
  share: { fr: 'part', en: 'share' },
  note: { fr: 'précision', en: 'note' },
  rule: { fr: 'règle', en: 'rule' },
  source: { fr: 'source', en: 'source' },
  kind: { fr: 'avance ou solde', en: 'avance or solde' },
  type: { fr: 'type de pièce', en: 'attachment type' },
  why: { fr: 'raison citée de la source', en: 'reason quoted from the source' },
  kindFr: { fr: "d'avance ou de solde", en: 'advance or balance' },
  kindEn: { fr: "d'avance ou de solde", en: 'advance or balance' },
  closesFr: { fr: 'date limite', en: 'deadline' },
  closesEn: { fr: 'date limite', en: 'deadline' },
  opensFr: { fr: "date d'ouverture", en: 'opening date' },
  opensEn: { fr: "date d'ouverture", en: 'opening date' },
  portalLabel: { fr: 'libellé du portail', en: 'portal label' },
  portalCode: { fr: 'code du portail', en: 'portal code' },
  where: { fr: 'la ligne N du fichier', en: 'line N of the file' },
  whereEn: { fr: 'la ligne N du fichier', en: 'line N of the file' },
  checks: { fr: 'règles C1 à C6', en: 'rules C1 to C6' },
  checksEn: { fr: 'règles C1 à C6', en: 'rules C1 to C6' },
  avances: { fr: "l'avance fichier", en: 'the avance file' },
  avancesEn: { fr: "l'avance fichier", en: 'the avance file' },
  // An optional sentence added to some messages: nothing stands for it.
  exception: { fr: '', en: '' },
  exceptionEn: { fr: '', en: '' },
};

export interface RuleDoc {
  /** `S5`; its anchor is the id in lower case (`#s5`). */
  id: string;
  anchor: string;
  title: string;
  sources: string[];
  severity: string;
  fixable: boolean;
  /** What the sources state (RuleMeta.stated) and what the rule takes from the bundled model (RuleMeta.modelled). */
  stated?: string;
  modelled?: string;
  /** Messages as segments: text, and stand-ins (rendered in italics). */
  messages: { text: string; standIn?: boolean }[][];
}

/** Placeholders of a message without a stand-in (the docs test asserts there are none). */
export function missingStandIns(): string[] {
  const out = new Set<string>();
  for (const r of [...RULES, ...PROJECT_RULES])
    for (const m of Object.values(r.meta.messages))
      for (const lang of ['fr', 'en'] as const) for (const [, k] of m[lang].matchAll(/\{(\w+)\}/g)) if (!(k in STAND_INS)) out.add(`${r.meta.id}: {${k}}`);
  return [...out];
}

function segments(message: string, lang: Locale): { text: string; standIn?: boolean }[] {
  const out: { text: string; standIn?: boolean }[] = [];
  let last = 0;
  for (const m of message.matchAll(/\{(\w+)\}/g)) {
    if (m.index! > last) out.push({ text: message.slice(last, m.index) });
    const s = STAND_INS[m[1]]?.[lang] ?? '…';
    if (s) out.push({ text: s, standIn: true });
    last = m.index! + m[0].length;
  }
  if (last < message.length) out.push({ text: message.slice(last) });
  return out;
}

export function ruleDocs(lang: Locale, sourceName: (source: string) => string): RuleDoc[] {
  return [...RULES, ...PROJECT_RULES].map((r) => {
    const seen = new Set<string>();
    const messages: RuleDoc['messages'] = [];
    for (const [id, m] of Object.entries(r.meta.messages)) {
      // A message that is only a placeholder (`{hint}.`) says nothing in a documentation; duplicates are shown once.
      if (m[lang].replace(/\{\w+\}/g, '').replace(/[\s.:]/g, '') === '' || seen.has(m[lang])) continue;
      seen.add(m[lang]);
      // The variant a `model` finding shows (`<id>@model`) is marked as such.
      messages.push([...(id.endsWith('@model') ? [{ text: lang === 'fr' ? '[modélisé] ' : '[modelled] ' }] : []), ...segments(m[lang], lang)]);
    }
    return {
      id: r.meta.id,
      anchor: r.meta.id.toLowerCase(),
      title: r.meta.title[lang],
      sources: r.meta.sources.map((s) => `${s} (${sourceName(s)})`),
      severity: r.meta.severity,
      fixable: r.meta.fixable,
      stated: r.meta.stated?.[lang],
      modelled: r.meta.modelled?.[lang],
      messages,
    };
  });
}

const HEAD: Localized = {
  fr: "Chaque diagnostic porte le code de sa règle (`S3`, `I1/finess`…) et sa provenance : `source` (les documents qu'il cite : documents publics de l'ANS et de l'ASP, ou le générateur public csv2json, nommé comme tel), `reference` (une norme publique hors de ces documents : la clé de contrôle du FINESS, du SIREN/SIRET, du RPPS ; aucun document du financement Ségur ne la donne), `model` (il ne repose que sur le modèle fourni : avertissement marqué [modélisé], réglage `segur.modelled.severity`, option `--modelled`) ou `template` (le modèle officiel chargé). Les sources sont listées à la fin. Dans les messages, les mots en italique tiennent la place de ce que le diagnostic précise (la balise, la valeur…).",
  en: 'Each diagnostic carries its rule code (`S3`, `I1/finess`…) and its provenance: `source` (the documents it cites: public ANS and ASP documents, or the public csv2json generator, named as such), `reference` (a public standard outside those documents: the check key of the FINESS, SIREN/SIRET, RPPS; no Ségur funding document gives it), `model` (it rests only on the bundled model: a warning marked [modelled], setting `segur.modelled.severity`, option `--modelled`) or `template` (the official template loaded). The sources are listed at the end. In the messages, words in italics stand for what the diagnostic names (the key, the value…).',
};
const words = (lang: Locale) =>
  lang === 'fr'
    ? {
        title: 'Règles segur-json',
        sources: 'Sources',
        severity: 'Gravité par défaut',
        fix: 'Correction automatique',
        yes: 'oui',
        no: 'non',
        messages: 'Messages',
        all: 'Toutes les règles',
        stated: 'Ce que disent les sources',
        modelled: 'Ce qui est modélisé',
      }
    : {
        title: 'segur-json rules',
        sources: 'Sources',
        severity: 'Default severity',
        fix: 'Quick fix',
        yes: 'yes',
        no: 'no',
        messages: 'Messages',
        all: 'All rules',
        stated: 'What the sources state',
        modelled: 'What is modelled',
      };

export function renderMarkdown(docs: RuleDoc[], lang: Locale): string {
  const w = words(lang);
  const md = (m: RuleDoc['messages'][number]) => m.map((s) => (s.standIn ? `_${s.text}_` : s.text)).join('');
  const sep = lang === 'fr' ? ' : ' : ': ';
  const notes = (d: RuleDoc) =>
    [d.stated ? `**${w.stated}**${sep}${d.stated}` : '', d.modelled ? `**${w.modelled}**${sep}${d.modelled}` : '']
      .filter(Boolean)
      .map((s) => `${s}\n\n`)
      .join('');
  const parts = docs.map(
    (d) =>
      `\n<a id="${d.anchor}"></a>\n## ${d.id} — ${d.title}\n\n${w.sources} : ${d.sources.join(', ')}. ${w.severity} : ${d.severity}. ${w.fix} : ${d.fixable ? w.yes : w.no}.\n\n${notes(d)}${d.messages.map((m) => `- ${md(m)}`).join('\n')}\n`,
  );
  const code = (id: string) => '`' + id + '`';
  const sources = SOURCE_IDS.map((id) => `- ${code(id)} (${KIND[lang][sourceKind(id)!]})${sep}${sourceName(id, lang)}`).join('\n');
  return `# ${w.title}\n\n${HEAD[lang]}\n${parts.join('')}\n## ${w.sources}\n\n${sources}\n`;
}

const KIND: Record<Locale, Record<SourceKind, string>> = {
  fr: { seed: 'document ANS/ASP du financement Ségur', public: 'générateur public', reference: 'norme publique' },
  en: { seed: 'ANS/ASP Ségur funding document', public: 'public generator', reference: 'public standard' },
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const inline = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

/** One rule's section: `<section class="rule" id="s5">…</section>` (the VS Code client shows it alone). */
export function renderSection(d: RuleDoc, lang: Locale): string {
  const w = words(lang);
  const msg = (m: RuleDoc['messages'][number]) => m.map((s) => (s.standIn ? `<em>${esc(s.text)}</em>` : inline(s.text))).join('');
  return `<section class="rule" id="${d.anchor}">
<h2>${esc(d.id)} — ${esc(d.title)}</h2>
<p class="meta">${w.sources} : ${esc(d.sources.join(', '))}.<br>${w.severity} : ${esc(d.severity)}. ${w.fix} : ${d.fixable ? w.yes : w.no}.</p>
${d.stated ? `<p><strong>${w.stated}</strong>${lang === 'fr' ? ' : ' : ': '}${inline(d.stated)}</p>\n` : ''}${d.modelled ? `<p><strong>${w.modelled}</strong>${lang === 'fr' ? ' : ' : ': '}${inline(d.modelled)}</p>\n` : ''}<ul>
${d.messages.map((m) => `<li>${msg(m)}</li>`).join('\n')}
</ul>
</section>`;
}

export function renderHtml(docs: RuleDoc[], lang: Locale): string {
  const w = words(lang);
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title}</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; background: #fff; }
@media (prefers-color-scheme: dark) { body { color: #e6edf3; background: #0d1117; } a { color: #58a6ff; } code { background: #262c36; } }
h2 { border-bottom: 1px solid #8884; padding-bottom: .2rem; margin-top: 2.5rem; }
.meta { opacity: .8; }
code { background: #f2f2f2; padding: 0 .2em; border-radius: 3px; }
nav a { margin-right: .6rem; white-space: nowrap; }
section:target h2 { background: #fff3b0; color: #1f2328; }
</style>
</head>
<body>
<h1>${w.title}</h1>
<p>${inline(HEAD[lang])}</p>
<nav>${docs.map((d) => `<a href="#${d.anchor}">${esc(d.id)}</a>`).join(' ')}</nav>
${docs.map((d) => renderSection(d, lang)).join('\n')}
</body>
</html>
`;
}
