/**
 * Every rule of the catalogue (docs/rules.md) has its table test beside it: a file
 * `server/src/rules/<ID>-<slug>.test.ts` next to `<ID>-<slug>.ts` that runs it through `ruleTable` (rules on one
 * file) or `pairTable` (rules across files) of test/helpers/rule-tester.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, PROJECT_RULES } from '../../server/src/segur.ts';

const dir = join(__dirname, '..', '..', 'server', 'src', 'rules');
const files = readdirSync(dir);

for (const rule of [...RULES, ...PROJECT_RULES]) {
  test(`${rule.meta.id} has its table test beside it`, () => {
    const source = files.find((f) => f.startsWith(`${rule.meta.id}-`) && f.endsWith('.ts') && !f.endsWith('.test.ts'));
    assert.ok(source, `no server/src/rules/${rule.meta.id}-*.ts`);
    const table = source.replace(/\.ts$/, '.test.ts');
    assert.ok(files.includes(table), `no ${table} beside ${source}`);
    const text = readFileSync(join(dir, table), 'utf8');
    assert.match(text, new RegExp(`\\b(ruleTable|pairTable)\\(\\s*${rule.meta.id}\\b`), `${table} does not run ${rule.meta.id} through ruleTable / pairTable`);
  });
}
