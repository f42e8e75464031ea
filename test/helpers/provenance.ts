/**
 * A finding's provenance as the expected files of test/fixtures and test/pairs write it: `source:000,004`,
 * `reference:finess-key`, `model`, `template`.
 */
import type { Provenance } from '../../server/src/engine/shared/types.ts';

export function provenanceLabel(p: Provenance): string {
  return p.kind === 'source' || p.kind === 'reference' ? `${p.kind}:${(p.sources ?? []).join(',')}` : p.kind;
}
