/**
 * Completion and hover use the schema validation uses, from one parsed document (engine/check/document.ts,
 * engine/service.ts): a learned template of CheckOptions.templates, for a SONS outside the bundle (BIO-SGL-Va2, its
 * blank and example of our own making: test/templates/unknown-sons) and for a known SONS whose template renames a
 * key (test/templates/official-like, `dateEditionFacture` renamed `dateFactureEmise` here). Before, assist.ts read
 * the bundled schema only: nothing for BIO-SGL-Va2, the bundled key names for a renamed key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { learnTemplate, service } from '../../../server/src/segur.ts';
import { complete, hover } from '../../../server/src/engine/assist/assist.ts';

const root = join(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

const bioBlank = read('test/templates/unknown-sons/BIO-SGL-Va2.avance.blank.json');
const bioExample = read('test/templates/unknown-sons/BIO-SGL-Va2.avance.example.json');
const bio = learnTemplate(bioBlank, bioExample, 'BIO-SGL-Va2', 'avance', 'BIO-SGL-Va2.avance.blank.json');
const bioOptions = { fileName: 'lot.json', templates: { 'BIO-SGL-Va2.avance': bio } };

const rename = (t: string) => t.split('"dateEditionFacture"').join('"dateFactureEmise"');
const risExample = rename(read('examples/IMG-RIS-Va2/solde.json'));
const ris = learnTemplate(
  rename(read('test/templates/official-like/IMG-RIS-Va2.solde.blank.json')),
  risExample,
  'IMG-RIS-Va2',
  'solde',
  'IMG-RIS-Va2.solde.blank.json',
);
const risOptions = { fileName: 'solde.json', templates: { 'IMG-RIS-Va2.solde': ris } };

/** The text without the member `member` (its line), and the offset where it was. */
function without(text: string, member: string): { text: string; offset: number } {
  const at = text.indexOf(member);
  assert.ok(at > 0, `${member} in the text`);
  const end = text.indexOf('\n', at) + 1;
  return { text: text.slice(0, at) + text.slice(end), offset: at };
}

test('BIO-SGL-Va2 (a SONS outside the bundle): one parsed document, the learned template chosen, completion offers its missing key', () => {
  const { text, offset } = without(bioExample, '"nomClient": "Sophie Marchand",');
  const doc = service.parse(text, bioOptions);
  assert.equal(doc.detection.sons, 'BIO-SGL-Va2');
  // The template as checked against the learned-template format (templateFormat.ts), and the schema of the document.
  assert.equal(doc.template?.$id, 'segur-learned:BIO-SGL-Va2.avance');
  assert.equal(doc.schema, doc.template);
  // The same document validates against the same template (its key is reported missing, from the template).
  const result = service.validate(doc);
  assert.deepEqual(
    result.findings.map((f) => [f.code, f.provenance.kind]),
    [['S3/missing-tag', 'template']],
  );
  const labels = service.complete(doc, offset).map((c) => c.label);
  assert.deepEqual(labels, ['nomClient']);
  // The text API reads the same template (the server gives its cached document, the tests may give text).
  assert.deepEqual(
    complete(text, offset, bioOptions).map((c) => c.label),
    ['nomClient'],
  );
});

test('BIO-SGL-Va2: hover on a key only the learned template knows, with its provenance', () => {
  const at = bioExample.indexOf('"montantSegurBiologieHT"') + 3;
  const h = service.hover(service.parse(bioExample, bioOptions), at, 'fr');
  assert.ok(h, 'a hover');
  assert.match(h.markdown, /^\*\*montantSegurBiologieHT\*\*/);
  assert.match(h.markdown, /modèle officiel/);
  assert.equal(bioExample.slice(h.offset, h.offset + h.length), '"montantSegurBiologieHT"');
  assert.ok(hover(bioExample, at, bioOptions, 'en'), 'the text API too');
  // Without the template the SONS is unknown: no schema, no hover.
  assert.equal(service.hover(service.parse(bioExample, { fileName: 'lot.json' }), at), undefined);
});

test('a key renamed by the learned template: completion offers the template name, not the bundled one; hover describes it', () => {
  const { text, offset } = without(risExample, '"dateFactureEmise": "12/05/2026",');
  const doc = service.parse(text, risOptions);
  assert.equal(doc.schema?.$id, 'segur-learned:IMG-RIS-Va2.solde');
  assert.equal(doc.schema, doc.template);
  const labels = service.complete(doc, offset).map((c) => c.label);
  assert.ok(labels.includes('dateFactureEmise'), labels.join(', '));
  assert.ok(!labels.includes('dateEditionFacture'), labels.join(', '));
  // Without the template, the bundled name.
  assert.ok(service.complete(service.parse(text, { fileName: 'solde.json' }), offset).some((c) => c.label === 'dateEditionFacture'));

  const at = risExample.indexOf('"dateFactureEmise"') + 2;
  const h = service.hover(service.parse(risExample, risOptions), at, 'en');
  assert.ok(h, 'a hover on the renamed key');
  assert.match(h.markdown, /^\*\*dateFactureEmise\*\*/);
  assert.match(h.markdown, /official template/);
  assert.equal(service.hover(service.parse(risExample, { fileName: 'solde.json' }), at), undefined, 'the bundled model does not know it');
});
