/**
 * « Créer le JSON de solde depuis l'avance »: the file name proposed in the save dialog (pure helper of
 * extension.ts): `<avance name>-solde.json` beside the avance, `-solde-2.json`… when that file exists already.
 */
export function soldePathFor(avancePath: string, exists: (path: string) => boolean): string {
  const slash = Math.max(avancePath.lastIndexOf('/'), avancePath.lastIndexOf('\\'));
  const dir = avancePath.slice(0, slash + 1);
  const base = avancePath.slice(slash + 1).replace(/\.json$/i, '') || 'avance';
  for (let n = 1; n < 100; n++) {
    const candidate = `${dir}${base}-solde${n === 1 ? '' : `-${n}`}.json`;
    if (!exists(candidate)) return candidate;
  }
  return `${dir}${base}-solde.json`;
}
