#!/usr/bin/env node
/**
 * `npm start`: what a newcomer runs after `npm ci`. Checks the bundled examples (all valid), then one broken
 * example so that real diagnostics show, then shows what --fix would change on a copy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
const say = (s) => process.stdout.write(`\n\x1b[1m${s}\x1b[0m\n`);

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

say('1. Les exemples fournis (examples/) sont valides / the bundled examples are valid:');
let r = run(['check', 'examples']);
process.stdout.write(r.stdout + r.stderr);
if (r.status !== 0) process.exit(1);

const broken = 'test/fixtures/IMG-RIS-Va2/S5-plural.json';
say(`2. Un fichier cassé / a broken file (${broken}), code de sortie attendu 1 / expected exit code 1:`);
r = run(['check', broken]);
process.stdout.write(r.stdout + r.stderr);
if (r.status !== 1) process.exit(1);

say('3. --fix sur une copie / --fix on a copy:');
const copy = join(mkdtempSync(join(tmpdir(), 'segur-')), 'IMG-RIS-Va2-solde.json');
copyFileSync(join(root, broken), copy);
r = run(['check', '--fix', copy]);
process.stdout.write(r.stdout + r.stderr);
const same = readFileSync(copy, 'utf8') === readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8');
say(same ? "Le fichier corrigé est identique à l'exemple valide / the fixed file equals the valid example." : `Fichier corrigé / fixed file: ${copy}`);
