/**
 * The rules on the attachment files (P1–P4) read what the disk says about each name and nothing else: the context's
 * `attachment(name)` gives the facts server/src/io/attachmentFacts.ts made (CheckOptions.attachments), undefined when the
 * attachments are not checked on disk — then a P rule reports nothing. A table test gives facts the same way, as
 * data, without a disk.
 *
 * Each finding is on the `nomFichier` value (found by meaning: `x-check: fileName`, as rule V8 finds it).
 */
import type { AttachmentFact, Rule, RuleContext, RuleMeta, Visit } from '../engine/rule-api';

export { ATTACHMENT_LIMITS, formatOfName, type AttachmentFact, type AttachmentFormat } from '../engine/rule-api';

/** A P rule: `check` is called for each `nomFichier` value whose name has a fact. */
export function attachmentRule(meta: RuleMeta, check: (ctx: RuleContext, v: Visit, fact: AttachmentFact) => void): Rule {
  return {
    meta,
    stage: 'value',
    create(ctx) {
      return {
        checks: {
          fileName(v) {
            if (v.type !== 'string') return;
            const fact = ctx.attachment(v.value as string);
            if (fact) check(ctx, v, fact);
          },
        },
      };
    },
  };
}
