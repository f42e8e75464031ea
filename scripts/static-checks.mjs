#!/usr/bin/env node
/**
 * The checks `npm run test:core` makes before its tests, side by side: the types (`tsc -p .`) and the formatting
 * (`npm run format:check`). Each runs on one core, so on two cores both together take the time of the longer one.
 * Their outputs are printed whole, one after the other, once both are done; the exit code is the first failure's.
 *
 *   node scripts/static-checks.mjs
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Runs a command, its stdout and stderr kept together; resolves with its exit code and output. */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ code: 2, output: `${output}${e.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const results = await Promise.all([
  run(process.execPath, [tsc, '-p', '.']),
  run('npm', ['run', '--silent', 'format:check'], { shell: process.platform === 'win32' }),
]);
for (const r of results) process.stdout.write(r.output);
process.exit(results.find((r) => r.code !== 0)?.code ?? 0);
