#!/usr/bin/env node
/**
 * The last thing `npm test` prints: one line per part (core, e2e) with its counts and duration, read from the full
 * TAP report each part keeps in test-artifacts/<part>.tap while the screen shows only dots, then the failing tests
 * by name and place. The exit code is 1 when a part failed, was cut short or did not run, so a failure still fails
 * `npm test`.
 *
 *   node scripts/test-summary.mjs --prepare core e2e   creates the folder and removes the parts' old reports, so a
 *                                                      part that does not reach its tests is told as not run
 *   node scripts/test-summary.mjs [--failed]           the summary; --failed: a step of `npm test` failed (exit 1
 *                                                      even when no report shows why: the step said so above)
 *   --dir DIR                                          reports read in DIR instead of test-artifacts/
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['core', 'e2e'];
const SHOWN_FAILURES = 20;

const args = process.argv.slice(2);
const d = args.indexOf('--dir');
const dir = d >= 0 ? args[d + 1] : join(root, 'test-artifacts');

if (args[0] === '--prepare') {
  mkdirSync(dir, { recursive: true });
  for (const part of args.filter((a) => PARTS.includes(a))) rmSync(join(dir, `${part}.tap`), { force: true });
  process.exit(0);
}

/** A TAP name as node:test escapes it (`\#`, `\\`), given back. */
const unescape = (s) => s.replace(/\\(.)/g, '$1');

/** Counts from the report's trailer, and the failing tests (not the suites failing because of them). */
function readTap(text) {
  const count = (key) => {
    const m = new RegExp(`^# ${key} (\\d+(?:\\.\\d+)?)$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const lines = text.split('\n');
  const failures = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)not ok \d+ - (.*?)(?: # (?:SKIP|TODO).*)?$/.exec(lines[i]);
    if (!m) continue;
    let location = '';
    let type = '';
    for (let j = i + 1; j < lines.length && !/^\s*\.\.\.$/.test(lines[j]); j++) {
      const field = /^\s*(location|failureType): '(.*)'$/.exec(lines[j]);
      if (field && field[1] === 'location') location = field[2];
      if (field && field[1] === 'failureType') type = field[2];
    }
    if (type !== 'subtestsFailed') failures.push({ name: unescape(m[2]), location });
  }
  return {
    complete: count('tests') !== undefined && count('duration_ms') !== undefined,
    tests: count('tests') ?? 0,
    pass: count('pass') ?? 0,
    fail: count('fail') ?? 0,
    cancelled: count('cancelled') ?? 0,
    skipped: count('skipped') ?? 0,
    todo: count('todo') ?? 0,
    ms: count('duration_ms') ?? 0,
    failures,
  };
}

function duration(ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${(ms / 1000).toFixed(1).replace('.', ',')} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The test's file, relative to the repository (its line is left out: under tsx it is the transformed code's). */
function place(location) {
  const file = location.replace(/^file:\/\//, '').replace(/:\d+:\d+$/, '');
  return file.startsWith(root) ? relative(root, file) : file;
}

let ok = !args.includes('--failed');
const out = ['', 'Résumé des tests / Test summary'];
for (const part of PARTS) {
  const file = join(dir, `${part}.tap`);
  const shown = relative(root, file).startsWith('..') ? file : relative(root, file);
  if (!existsSync(file)) {
    ok = false;
    out.push(`✖ ${part.padEnd(4)} non lancé / not run: une étape avant ses tests a échoué, voir plus haut / a step before its tests failed, see above`);
    continue;
  }
  const r = readTap(readFileSync(file, 'utf8'));
  const bad = r.fail + r.cancelled > 0 || !r.complete;
  if (bad) ok = false;
  const counts = [`${r.tests} tests`, `${r.pass} réussis / passed`, `${r.fail} en échec / failed`];
  if (r.cancelled) counts.push(`${r.cancelled} annulés / cancelled`);
  if (r.skipped) counts.push(`${r.skipped} ignorés / skipped`);
  if (r.todo) counts.push(`${r.todo} à faire / todo`);
  counts.push(r.complete ? duration(r.ms) : 'rapport interrompu / report cut short');
  out.push(`${bad ? '✖' : '✔'} ${part.padEnd(4)} ${counts.join(' · ')} · ${shown}`);
  for (const f of r.failures.slice(0, SHOWN_FAILURES)) out.push(`    ✖ ${f.name}${f.location ? ` (${place(f.location)})` : ''}`);
  if (r.failures.length > SHOWN_FAILURES) out.push(`    … ${r.failures.length - SHOWN_FAILURES} autres / more: ${shown}`);
}
if (!ok && args.includes('--failed') && out.every((l) => !l.startsWith('✖'))) {
  out.push('✖ une étape hors des tests a échoué, voir plus haut / a step outside the tests failed, see above');
}
console.log(out.join('\n'));
process.exit(ok ? 0 : 1);
