/**
 * Depth at any depth: a Ségur file with one value nested 40 000 levels deep, that nesting placed before its header
 * (so that the header is beyond the first 64 KB), is a Ségur file with one S12/too-deep finding, for the engine and
 * the CLI (exit 1): it used to be « pas un fichier Ségur », 0 findings, exit 0. Detection then reads the first level
 * of the object at any depth (parse.ts shallowValue), else the file name; a deep text that is neither stays « not
 * Ségur ».
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../../server/src/segur.ts';
import { shallowValue } from '../../../server/src/engine/syntax/parse.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const solde = readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8');
/** The example solde with a key nested `n` levels deep before its header (`[` or `{"a":` levels). */
const deep = (n: number, open = '[', close = ']', inner = '') => solde.replace('"impId"', `"x": ${open.repeat(n)}${inner}${close.repeat(n)}, "impId"`);

test('40 000 levels before the header: a Ségur file with one S12/too-deep finding (engine)', () => {
  for (const text of [deep(20000), deep(40000), deep(40000, '{"a":', '}', '1'), deep(100000, '[{"a":', '}]', '1')]) {
    assert.ok(text.indexOf('"impId"') > 65536 || text.length < 200000, 'the header is far from the start');
    const r = check(text);
    assert.equal(r.detection.isSegur, true, r.detection.reason.en);
    assert.equal(r.detection.sons, 'IMG-RIS-Va2', 'the SONS from the header read at any depth');
    assert.deepEqual(
      r.findings.map((f) => f.code),
      ['S12/too-deep'],
    );
  }
});

test('too deep and nothing readable: Ségur by its file name, else not Ségur', () => {
  const text = '{"a":'.repeat(40000);
  const named = check(text, { fileName: '/depot/IMG-RIS-Va2-solde.json' });
  assert.equal(named.detection.isSegur, true);
  assert.equal(named.detection.kind, 'solde');
  assert.deepEqual(
    named.findings.map((f) => f.code),
    ['S12/too-deep'],
  );
  assert.equal(check(text, { fileName: '/depot/notes.json' }).detection.isSegur, false);
  assert.deepEqual(check('['.repeat(100000)).findings, []);
});

test('shallowValue reads the first level only, at any depth, with a BOM, and nothing of a non-object', () => {
  assert.deepEqual(
    {
      ...shallowValue(
        '\ufeff{"impId": "X", "n": 1.5, "t": true, "f": false, "z": null, "deep": ' + '['.repeat(50000) + ']'.repeat(50000) + ', "o": {"k": "v"}, "last": "y"}',
      ),
    },
    { impId: 'X', n: 1.5, t: true, f: false, z: null, deep: [], o: {}, last: 'y' },
  );
  assert.equal(shallowValue('[1, 2]'), undefined);
  assert.equal(shallowValue(''), undefined);
  assert.equal(Object.getPrototypeOf(shallowValue('{"__proto__": "x"}')), null, 'no prototype to pollute');
});

test('40 000 levels before the header: the CLI reports S12/too-deep and exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-deep-'));
  const file = join(dir, 'depot.json');
  writeFileSync(file, deep(40000));
  const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', file], { encoding: 'utf8', timeout: 30000, killSignal: 'SIGKILL' });
  assert.equal(r.status, 1, r.stderr);
  const [report] = JSON.parse(r.stdout) as { segur: boolean; sons: string; diagnostics: { code: string }[] }[];
  assert.equal(report.segur, true);
  assert.equal(report.sons, 'IMG-RIS-Va2');
  assert.deepEqual(
    report.diagnostics.map((d) => d.code),
    ['S12/too-deep'],
  );
});
