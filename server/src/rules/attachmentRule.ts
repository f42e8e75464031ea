/**
 * The rules on the attachment files (P1–P4) read what the disk says (CheckOptions.attachments, made by
 * server/src/io/attachments.ts) and nothing else: a rule's context carries no options, so each P rule is a plain rule
 * that checks nothing on its own and a `bind(facts)` that makes the same rule over those facts. The composition root
 * (server/src/segur.ts, `withAttachmentFacts`) binds them for a check whose options carry facts; a table test gives
 * facts the same way, without a disk.
 *
 * Each finding is on the `nomFichier` value (found by meaning: `x-check: fileName`, as rule V8 finds it).
 */
import type { Rule, RuleContext, RuleMeta, Visit } from '../engine/rule-api';
import type { CheckOptions } from '../engine/types';
import type { AttachmentFact } from '../engine/check/attachments';

export { ATTACHMENT_LIMITS, formatOfName, type AttachmentFact, type AttachmentFormat } from '../engine/check/attachments';

/** A rule over the facts of the attachment files. */
export interface AttachmentRule extends Rule {
  bind(facts: readonly AttachmentFact[]): Rule;
}

/**
 * A P rule: `check` is called for each `nomFichier` value whose name has a fact. Without facts (no attachments folder
 * given) the rule has no visitor: it reports nothing.
 */
export function attachmentRule(meta: RuleMeta, check: (ctx: RuleContext, v: Visit, fact: AttachmentFact) => void): AttachmentRule {
  const make = (facts: ReadonlyMap<string, AttachmentFact> | undefined): Rule => ({
    meta,
    stage: 'value',
    create(ctx) {
      if (!facts || facts.size === 0) return {};
      return {
        checks: {
          fileName(v) {
            if (v.type !== 'string') return;
            const fact = facts.get(v.value as string);
            if (fact) check(ctx, v, fact);
          },
        },
      };
    },
  });
  return { ...make(undefined), bind: (facts) => make(new Map(facts.map((f) => [f.name, f]))) };
}

function isAttachmentRule(r: Rule): r is AttachmentRule {
  return typeof (r as Partial<AttachmentRule>).bind === 'function';
}

/**
 * The options with the P rules bound to `options.attachments` (the given rules, else `all`); the options unchanged
 * when they carry no facts.
 */
export function withAttachmentFacts(options: CheckOptions, all: readonly Rule[]): CheckOptions {
  const facts = options.attachments;
  if (!facts) return options;
  return { ...options, rules: (options.rules ?? all).map((r) => (isAttachmentRule(r) ? r.bind(facts) : r)) };
}
