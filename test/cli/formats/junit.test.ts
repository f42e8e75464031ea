/**
 * `--format junit` (server/src/cli/formats/junit.ts) against the JUnit XML that CI test reports read (GitLab
 * `artifacts:reports:junit`, Jenkins, the GitHub test-report actions): well-formed XML (a strict parser), a
 * `<testsuites>` root, one `<testsuite name tests failures errors skipped>` per file whose counts match its
 * `<testcase classname name>` children, each of which holds at most one `<failure>`, `<error>` or `<skipped>` with a
 * `message`; a file without findings is one passing case; names and messages are escaped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatJunit, xmlEscape } from '../../../server/src/cli/formats/junit.ts';

// sax (strict mode) is the XML parser already in the dependency tree (xml2js, through @vscode/vsce).
const sax = require('sax') as { parser(strict: boolean): SaxParser };
interface SaxParser {
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  onerror: (e: Error) => void;
  write(s: string): SaxParser;
  close(): void;
}

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

function parseXml(xml: string): Element {
  const parser = sax.parser(true);
  const stack: Element[] = [{ name: '#document', attributes: {}, children: [], text: '' }];
  parser.onopentag = (tag) => {
    const e: Element = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    stack[stack.length - 1].children.push(e);
    stack.push(e);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => void (stack[stack.length - 1].text += t);
  parser.onerror = (e) => {
    throw e;
  };
  parser.write(xml).close();
  assert.equal(stack.length, 1);
  assert.equal(stack[0].children.length, 1, 'one root element');
  return stack[0].children[0];
}

/** The JUnit shape, with the counts checked against the cases. */
function assertJunit(root: Element): void {
  assert.equal(root.name, 'testsuites');
  let total = 0;
  for (const suite of root.children) {
    assert.equal(suite.name, 'testsuite');
    assert.ok(suite.attributes.name);
    const cases = suite.children;
    assert.ok(cases.length > 0, 'a suite has at least one case');
    const count = (n: string) => cases.filter((c) => c.children.some((x) => x.name === n)).length;
    assert.equal(Number(suite.attributes.tests), cases.length);
    assert.equal(Number(suite.attributes.failures), count('failure'));
    assert.equal(Number(suite.attributes.errors), count('error'));
    assert.equal(Number(suite.attributes.skipped), count('skipped'));
    for (const c of cases) {
      assert.equal(c.name, 'testcase');
      assert.ok(c.attributes.classname && c.attributes.name);
      assert.ok(c.children.length <= 1);
      for (const x of c.children) {
        assert.ok(['failure', 'error', 'skipped'].includes(x.name), x.name);
        assert.ok(x.attributes.message);
      }
    }
    total += cases.length;
  }
  assert.equal(Number(root.attributes.tests), total);
}

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

test('xmlEscape: the five entities, and characters XML 1.0 cannot hold written as \\uXXXX', () => {
  assert.equal(xmlEscape(`a&b<c>"d'`), 'a&amp;b&lt;c&gt;&quot;d&apos;');
  assert.equal(xmlEscape('x\u0001y\u001Fz\t\n'), 'x\\u0001y\\u001fz\t\n');
  assert.equal(xmlEscape('\uD800 ok \uD83D\uDE00'), '\\ud800 ok \uD83D\uDE00');
});

test('--format junit: one suite per file, one failed case per finding, one passing case for a clean file', () => {
  const files = ['test/fixtures/IMG-RIS-Va2/S5-plural.json', 'test/fixtures/IMG-RIS-Va2/S1-unknown-key.json', 'examples/IMG-DB-Va2/solde.json', 'package.json'];
  const r = run(['check', '--format', 'junit', '--lang', 'en', ...files]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n/);
  const doc = parseXml(r.stdout);
  assertJunit(doc);
  const json = JSON.parse(run(['check', '--format', 'json', '--lang', 'en', ...files]).stdout) as {
    file: string;
    diagnostics: { code: string; severity: string; message: string }[];
  }[];
  assert.deepEqual(
    doc.children.map((s) => s.attributes.name),
    json.map((f) => f.file),
  );
  for (const [i, suite] of doc.children.entries()) {
    const shown = json[i].diagnostics.filter((d) => d.severity !== 'hint');
    if (json[i].file === 'package.json') {
      assert.equal(suite.children[0].children[0].name, 'skipped', 'not a Ségur file');
      continue;
    }
    if (shown.length === 0) {
      assert.equal(suite.children.length, 1);
      assert.deepEqual(suite.children[0].children, [], 'one passing case');
      continue;
    }
    assert.deepEqual(
      suite.children.map((c) => ({ type: c.children[0].attributes.type, message: c.children[0].attributes.message, code: c.attributes.name.split(' ')[0] })),
      shown.map((d) => ({ type: d.severity, message: d.message, code: d.code })),
    );
  }
  const findings = json.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity !== 'hint').length, 0);
  assert.ok(findings >= 3);
  assert.equal(Number(doc.attributes.failures), findings);
});

test('--format junit: a file name with & < > " is escaped, an unreadable file is an <error> case', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-junit-'));
  const name = 'R&D "x" <1>.json';
  writeFileSync(join(dir, name), readFileSync(join(root, 'test/fixtures/IMG-RIS-Va2/S5-plural.json')));
  const r = run(['check', '--format', 'junit', name], dir);
  assert.equal(r.status, 1, r.stderr);
  const doc = parseXml(r.stdout);
  assertJunit(doc);
  assert.equal(doc.children[0].attributes.name, name);
  const problem = parseXml(
    formatJunit(
      [
        {
          file: 'a.json',
          detection: { isSegur: false, reason: { fr: '', en: '' } },
          findings: [],
          problem: { kind: 'unreadable', message: { fr: 'illisible <EACCES>', en: 'unreadable <EACCES>' } },
        },
      ],
      'fr',
    ),
  );
  assertJunit(problem);
  assert.equal(problem.children[0].children[0].children[0].name, 'error');
  assert.equal(problem.children[0].children[0].children[0].attributes.message, 'illisible <EACCES>');
});
