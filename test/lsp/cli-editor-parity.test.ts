/**
 * The command line and the editor read a file alike: for every file of test/templates/ (recursive), the CLI
 * (`check --format json`) and a real LSP client over stdio give the same findings (code, severity, range, message),
 * without a templates folder and with the folder of each blank template there (`*.blank.json`: CLI `--templates`,
 * editor `segur.templates.folder`). A blank official template gets one `S1/blank-template` finding (or
 * `S1/blank-template-in-use` in its templates folder) from both, not the S3 of every tag
 * (engine/templates/blankTemplate.ts `asBlankTemplate`). Each file is checked alone on both sides (the rules across
 * files see it only). The editor's one difference is by design: a modelled finding's message ends with « [modélisé] »
 * (server/src/server/shared/diagnostics.ts MODELLED_MARK).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { cli, root, startClient } from '../helpers/lsp-client.ts';

const TEMPLATES = join(root, 'test', 'templates');

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

const FILES = jsonFiles(TEMPLATES);
const BLANKS = FILES.filter((f) => f.endsWith('.blank.json'));
const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

interface CliDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  provenance?: { kind: string };
}

/** What a finding shows, as one line: code, severity, range and message. */
const line = (code: unknown, severity: unknown, r: CliDiagnostic['range'], message: string) =>
  `${String(code)} ${String(severity)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${message}`;

/** The CLI's findings of one file checked alone, as the editor would show them. */
function cliFindings(file: string, folder: string | undefined): string[] {
  const args = [cli, 'check', '--format', 'json', ...(folder ? ['--templates', folder] : []), file];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `${relative(root, file)}: exit ${r.status} ${r.stderr}`);
  const [report] = JSON.parse(r.stdout) as { diagnostics: CliDiagnostic[] }[];
  return report.diagnostics.map((d) => line(d.code, SEVERITY[d.severity], d.range, d.provenance?.kind === 'model' ? `${d.message} [modélisé]` : d.message));
}

for (const folder of [undefined, ...new Set(BLANKS.map((b) => dirname(b)))]) {
  const what = folder ? `templates folder ${relative(root, folder)}` : 'no templates folder';
  test(`every file of test/templates, ${what}: the CLI and the editor give the same findings`, async () => {
    assert.ok(BLANKS.length >= 3, 'the blank templates of test/templates');
    const segur: Record<string, unknown> = { validate: { debounceMs: 10 }, ...(folder ? { templates: { folder } } : {}) };
    const editor: Record<string, string[]> = {};
    const command: Record<string, string[]> = {};
    for (const file of FILES) {
      const name = relative(root, file);
      // A server per file: one keeps the files it has seen for the rules across files (U1 of a file closed before).
      const c = await startClient({ settings: { segur } });
      try {
        const doc = c.open(file);
        const pushed = await c.waitPush(doc.uri, undefined, 20_000);
        editor[name] = pushed.diagnostics.map((d) => line(d.code, d.severity, d.range, String(d.message)));
      } finally {
        await c.stop();
      }
      command[name] = cliFindings(file, folder);
    }
    // One comparison of every file: a failure names each file that differs.
    const differ = Object.keys(command).filter((f) => JSON.stringify(editor[f]) !== JSON.stringify(command[f]));
    const only = (m: Record<string, string[]>) => Object.fromEntries(differ.map((f) => [f, m[f]]));
    assert.deepEqual(only(editor), only(command), `files whose findings differ, ${what}: ${differ.join(', ')}`);
    assert.equal(Object.keys(command).length, FILES.length);
    // The blanks read as blanks: in use in their own templates folder, else offered as templates.
    for (const blank of BLANKS) {
      const code = folder !== undefined && dirname(blank) === folder ? 'S1/blank-template-in-use' : 'S1/blank-template';
      assert.deepEqual(
        command[relative(root, blank)].map((l) => l.split(' ')[0]),
        [code],
        relative(root, blank),
      );
    }
  });
}
