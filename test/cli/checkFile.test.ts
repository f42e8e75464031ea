/**
 * server/src/cli/checkFile.ts and the run of cli/main.ts around it, at the module level (no process, no other user):
 * a file the reader cannot read (EACCES) is one outcome with its problem, the run goes on and ends with exit 2; a
 * file replaced between its read and its write by --fix is not overwritten, and said.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile } from '../../server/src/cli/checkFile.ts';
import { runCheck, parseCheckArgs } from '../../server/src/cli/checkCommand.ts';
import { readRegularFile, FileReadError } from '../../server/src/io/files.ts';
import { errnoReason } from '../../server/src/io/atomicWrite.ts';

const root = join(__dirname, '..', '..');
const s3 = readFileSync(join(root, 'test', 'fixtures', 'IMG-RIS-Va2', 'S3-deleted-tag.json'));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'segur-check-file-'));
  writeFileSync(join(dir, 'a.json'), s3);
  copyFileSync(join(root, 'examples', 'HOP-DPI-Va2', 'avance.json'), join(dir, 'b.json'));
  writeFileSync(join(dir, 'c.json'), s3);
  return dir;
}

/** Reads as the system would, but b.json is refused as chmod 000 refuses it to a user. */
const eaccesOnB = (file: string) => {
  if (file.endsWith('b.json'))
    throw new FileReadError('unreadable', { fr: 'illisible', en: 'unreadable' }, errnoReason(Object.assign(new Error(), { code: 'EACCES' })));
  return readRegularFile(file);
};

test('an unreadable file among three (injected EACCES): told as it is met, in the report, the others checked and fixed, exit 2', () => {
  const dir = folder();
  for (const format of ['json', 'text'] as const) {
    const lines: string[] = [];
    const r = runCheck(parseCheckArgs(['--format', format, dir]), dir, (l) => lines.push(l), { read: eaccesOnB });
    assert.equal(r.exitCode, 2);
    assert.deepEqual(lines, ['b.json : illisible : permission refusée (EACCES) / unreadable: permission denied (EACCES)']);
    if (format === 'json') {
      const files = JSON.parse(r.output) as { file: string; diagnostics: { code: string }[]; problem?: { kind: string; message: string } }[];
      assert.deepEqual(
        files.map((f) => [f.file, f.problem?.kind]),
        [
          ['a.json', undefined],
          ['b.json', 'unreadable'],
          ['c.json', undefined],
        ],
      );
      assert.ok(files[0].diagnostics.some((d) => d.code === 'S3/missing-tag') && files[2].diagnostics.some((d) => d.code === 'S3/missing-tag'));
    } else assert.match(r.output, /^b\.json: illisible : permission refusée \(EACCES\)$/m);
  }
  // --fix: both readable files written, each said as it is written, in order, around the unreadable one.
  const lines: string[] = [];
  const r = runCheck(parseCheckArgs(['--fix', dir]), dir, (l) => lines.push(l), { read: eaccesOnB });
  assert.equal(r.exitCode, 2);
  assert.deepEqual(lines, [
    'a.json : corrigé et écrit (S3/missing-tag × 1) / fixed and written (S3/missing-tag × 1)',
    'b.json : illisible : permission refusée (EACCES) / unreadable: permission denied (EACCES)',
    'c.json : corrigé et écrit (S3/missing-tag × 1) / fixed and written (S3/missing-tag × 1)',
  ]);
  for (const f of ['a.json', 'c.json']) assert.match(readFileSync(join(dir, f), 'utf8'), /"codeTraitement": null/);
});

test('--fix on a file replaced (mv) between its read and its write: not overwritten, said, checked as read, a problem of the run', () => {
  const dir = folder();
  const file = join(dir, 'a.json');
  const replacement = '{"replaced": true}\n';
  const o = checkFile(
    file,
    true,
    { fix: true, keepText: false, lang: 'fr', cwd: dir },
    {
      read: readRegularFile,
      write: {
        beforeCommit: () => {
          writeFileSync(join(dir, 'new'), replacement);
          renameSync(join(dir, 'new'), file);
        },
      },
    },
  );
  assert.equal(readFileSync(file, 'utf8'), replacement, 'the replacement is kept');
  assert.equal(o.problem?.kind, 'unwritten');
  assert.match(o.problem!.message.fr, /a changé sur le disque depuis sa lecture : non réécrit/);
  assert.match(
    o.progress!,
    /^a\.json a changé sur le disque depuis sa lecture : il n'est pas réécrit .* \/ a\.json changed on disk since it was read: not overwritten/,
  );
  assert.equal(o.fixed, undefined, 'nothing is said fixed');
  assert.ok(
    o.findings.some((f) => f.code === 'S3/missing-tag'),
    'the findings of the text that was read',
  );
});
