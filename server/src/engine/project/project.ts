/**
 * Rules across files (pure): a solde is checked against its avance (C1–C6), matched by dossier number, else by
 * éditeur number, among files of the same SONS, n° ANS and SIRET, against the other soldes there (C7), and says when
 * it has no avance there (C8); and uniqueness (U1–U3) across the files of a workspace. Input: the per-file results of `check` (their summaries); output: the extra findings of each file.
 * The work is done by the incremental index of crossIndex.ts (the server keeps one; the CLI builds one here). The
 * rules are given (`catalogue`); segur.ts exports `crossCheck` bound to the catalogue.
 */
import type { Catalogue, CheckResult, Finding, Severity } from '../shared/types';
import { crossCheckAll } from './crossIndex';

export { CrossIndex, type CrossInput } from './crossIndex';

export interface ProjectEntry {
  file: string;
  result: Pick<CheckResult, 'detection' | 'summary'> & Partial<Pick<CheckResult, 'findings'>>;
}

/** The findings across files of every entry (files without any are absent). Never throws (see crossIndex.ts). */
export function crossCheckWith(
  catalogue: Catalogue,
  entries: ProjectEntry[],
  severities: Record<string, Severity | 'off'> = {},
  modelled?: Severity | 'off',
  nameOf?: (file: string) => string,
): Map<string, Finding[]> {
  return crossCheckAll(catalogue, entries, severities, modelled, nameOf);
}
