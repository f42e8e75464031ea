/**
 * Rule documentation in VS Code (pure helpers of extension.ts, no vscode import): a diagnostic's code link to
 * docs/rules.html#s5 becomes a `command:segur.showRule?["S5"]` link, and the command shows that rule's section of the
 * shipped page, rendered in a read-only webview (never the Markdown source, nothing loaded from elsewhere).
 */

export const SHOW_RULE_COMMAND = 'segur.showRule';

/** `S5` from a link of the server (`…/docs/rules.html#s5`, `…/rules.en.md#c1`); undefined for any other link. */
export function ruleIdFromHref(href: string): string | undefined {
  const m = /[\\/]rules(?:\.en)?\.(?:html|md)#([a-z]+\d+)$/i.exec(href);
  return m ? m[1].toUpperCase() : undefined;
}

/** The command link (as a string: the caller parses it into a vscode.Uri). */
export function ruleCommandLink(id: string): string {
  return `command:${SHOW_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`;
}

/** The `<section class="rule" id="s5">…</section>` of docs/rules.html (undefined when the rule is not there). */
export function ruleSection(html: string, id: string): string | undefined {
  const anchor = id.toLowerCase().replace(/[^a-z0-9]/g, '');
  const m = new RegExp(`<section class="rule" id="${anchor}">[\\s\\S]*?</section>`).exec(html);
  return m?.[0];
}

/** Rules listed in docs/rules.html: id and title, in page order. */
export function ruleList(html: string): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [];
  for (const m of html.matchAll(/<section class="rule" id="[a-z0-9]+">\s*<h2>([^<]*?) — ([^<]*)<\/h2>/g)) out.push({ id: m[1], title: unescape(m[2]) });
  return out;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/**
 * The webview page: the section with the editor's colours and fonts; no script, nothing from the network (CSP).
 * `l10n`: the language of the page (docs/rules.html or rules.en.html) and of its note (vscode.l10n in the extension).
 */
export function ruleWebviewHtml(section: string, l10n: { t(message: string): string; locale: 'fr' | 'en' }, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="${l10n.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline';">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); line-height: 1.5; padding: 0 1.2rem; max-width: 52rem; }
h2 { border-bottom: 1px solid var(--vscode-panel-border, #8884); padding-bottom: .2rem; }
.meta { color: var(--vscode-descriptionForeground); }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 .2em; border-radius: 3px; }
em { color: var(--vscode-textPreformat-foreground); }
</style>
</head>
<body>
${section}
<p class="meta">${l10n.t('Words in italics stand for what the diagnostic names (the key, the value…).')}</p>
</body>
</html>
`;
}
