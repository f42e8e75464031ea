/**
 * The items of the « Choisir le SONS et le type » picker (pure helper of extension.ts): automatic detection, then
 * each SONS × kind; the current choice is marked (« actuel ») and comes first as the active item.
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
  lang: 'fr' | 'en',
): SonsPick[] {
  const t = (fr: string, en: string) => (lang === 'en' ? en : fr);
  const auto = !state.override;
  const detected = state.detected?.sons ? `${state.detected.sons} ${state.detected.kind === 'output' ? 'avance' : (state.detected.kind ?? '?')}` : undefined;
  const items: SonsPick[] = [
    {
      label: t('Détection automatique', 'Automatic detection'),
      description: auto ? `${t('actuel', 'current')}${detected ? ` — ${detected}` : ''}` : undefined,
      current: auto,
    },
  ];
  for (const s of table) {
    for (const k of s.kinds) {
      const current = !auto && state.override?.sons === s.id && state.override?.kind === k;
      const isDetected = auto && detected === `${s.id} ${k}`;
      items.push({
        label: `${s.id} ${k}`,
        description: current ? t('actuel', 'current') : isDetected ? t('détecté', 'detected') : undefined,
        current,
        sons: s.id,
        kind: k as 'avance' | 'solde',
      });
    }
  }
  return items;
}
