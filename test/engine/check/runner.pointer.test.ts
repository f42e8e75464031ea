/**
 * A report's pointer defaults to the visited value's (types.ts ReportInput `pointer`): a finding a visitor makes on the
 * value it visits is about that value (its schema error is not reported again, the finding carries its pointer), one
 * on another node or made in `end` has none unless the rule gives it. Both parsers (the fast path and the
 * jsonc-parser tree) give the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, type Rule, type ReportInput, type Visit } from '../../../server/src/segur.ts';

const root = join(__dirname, '..', '..', '..');
// The first request line's `numLigne` written as text: the schema stage reports it (S1/schema) unless a rule did.
const TEXT = readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8').replace(/"numLigne": 1/, '"numLigne": "un"');

/** A rule that reports on the `numLigne` text it visits: `how` says on which node, and whether it names a pointer. */
function probe(how: (v: Visit) => Omit<ReportInput, 'messageId'>): Rule {
  return {
    meta: { id: 'X1', title: { fr: 'essai', en: 'probe' }, sources: [], severity: 'warning', fixable: false, messages: { m: { fr: 'essai', en: 'probe' } } },
    stage: 'value',
    create(ctx) {
      return {
        scalar(v) {
          if (v.path.at(-1) === 'numLigne' && v.type === 'string') ctx.report({ messageId: 'm', ...how(v) });
        },
        end() {
          ctx.report({ messageId: 'm', slug: 'end' });
        },
      };
    },
  };
}

const findings = (rule: Rule, parser?: 'tree') =>
  check(TEXT, { rules: [rule], parser })
    .findings.map((f) => `${f.code} ${f.pointer ?? '-'}`)
    .sort();

for (const parser of [undefined, 'tree'] as const) {
  const which = parser ?? 'fast path';

  test(`${which}: a report on the visited value without a pointer is about that value, and covers its schema error`, () => {
    assert.deepEqual(
      findings(
        probe((v) => ({ node: v.node })),
        parser,
      ),
      ['X1 /lignesImport/0/numLigne', 'X1/end -'],
    );
    assert.deepEqual(
      findings(
        probe(() => ({ offset: 0, length: 1 })),
        parser,
      ),
      ['X1 /lignesImport/0/numLigne', 'X1/end -'],
      'no node: the visited value too',
    );
  });

  test(`${which}: a report on another node has no pointer unless the rule gives one`, () => {
    assert.deepEqual(
      findings(
        probe((v) => ({ node: v.line })),
        parser,
      ),
      ['S1/schema /lignesImport/0/numLigne', 'X1 -', 'X1/end -'],
    );
    assert.deepEqual(
      findings(
        probe(() => ({ offset: 0, length: 1, pointer: '/siret' })),
        parser,
      ),
      ['S1/schema /lignesImport/0/numLigne', 'X1 /siret', 'X1/end -'],
    );
  });
}
