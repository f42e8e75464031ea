/**
 * The items of the « Choisir le SONS et le type » picker (pure helper of extension.ts): automatic detection, then
 * each SONS × kind; the current choice is marked (« actuel ») and comes first as the active item. Its words come
 * through `l10n` (vscode.l10n in the extension: English, French in l10n/bundle.l10n.fr.json).
 */
export interface SonsPick {
  label: string;
  description?: string;
  /** The current choice of the file. */
  current: boolean;
  sons?: string;
  kind?: 'avance' | 'solde';
}

export function sonsPickItems(
  table: { id: string; kinds: string[] }[],
  state: { override?: { sons?: string; kind?: string }; detected?: { sons?: string; kind?: string } },
  l10n: { t(message: string, ...args: Array<string | number>): string },
): SonsPick[] {
  const auto = !state.override;
  const detected = state.detected?.sons ? `${state.detected.sons} ${state.detected.kind === 'output' ? 'avance' : (state.detected.kind ?? '?')}` : undefined;
  const items: SonsPick[] = [
    {
      label: l10n.t('Automatic detection'),
      description: auto ? (detected ? l10n.t('current — {0}', detected) : l10n.t('current')) : undefined,
      current: auto,
    },
  ];
  for (const s of table) {
    for (const k of s.kinds) {
      const current = !auto && state.override?.sons === s.id && state.override?.kind === k;
      const isDetected = auto && detected === `${s.id} ${k}`;
      items.push({
        label: `${s.id} ${k}`,
        description: current ? l10n.t('current') : isDetected ? l10n.t('detected') : undefined,
        current,
        sons: s.id,
        kind: k as 'avance' | 'solde',
      });
    }
  }
  return items;
}
