#!/usr/bin/env node
/**
 * Value checks of a learned template (server/src/engine/check/templateValues.ts): the engine on a file of
 * N request lines checked with the template learned from test/templates/official-like, clean and with the same value
 * mistake on every line (`typeAction` outside its enumeration, `numLigne` as a string), and the ratio broken ÷ clean
 * in the same run. The lines are copies of one example line, so the clean file has findings of its own (duplicates
 * across lines), the same in both. Run by hand after a build (`node scripts/build.mjs && node bench/template-values.mjs [N ...]`);
 * prints figures, asserts nothing.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { check, learnTemplate } = require(join(root, 'dist', 'engine.js'));
const blank = readFileSync(join(root, 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json'), 'utf8');
const example = readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8');
const templates = { 'IMG-RIS-Va2.solde': learnTemplate(blank, example, 'IMG-RIS-Va2', 'solde', 'bench') };

function doc(n, broken) {
  const d = JSON.parse(example);
  const base = d.lignesImport[0];
  d.lignesImport = [];
  for (let i = 0; i < n; i++) {
    const l = structuredClone(base);
    const f = l.facture;
    l.numLigne = broken ? String(i + 1) : i + 1;
    if (broken) l.typeAction = 'M';
    l.facture = {
      dateEditionFacture: f.dateEditionFacture,
      numeroFacture: null,
      montantPrestationPrincipaleSegurHTFacture: f.montantPrestationPrincipaleSegurHTFacture,
    };
    l.VA = { dateSignatureVA: l.VA.dateSignatureVA, typePrestation: l.VA.typePrestation };
    d.lignesImport.push(l);
  }
  return JSON.stringify(d, null, 2);
}

function time(text) {
  let best = Infinity;
  let findings = 0;
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    findings = check(text, { templates }).findings.length;
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, findings };
}

// Warm-up (JIT), so the first size is not charged for it.
for (let i = 0; i < 5; i++) check(doc(200, i % 2 === 0), { templates });

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
for (const n of sizes.length ? sizes : [200, 1000]) {
  const clean = time(doc(n, false));
  const broken = time(doc(n, true));
  console.log(
    `template_values lines=${n} clean=${clean.ms.toFixed(1)}ms (${clean.findings} findings) broken=${broken.ms.toFixed(1)}ms (${broken.findings} findings) broken_vs_clean=${(broken.ms / clean.ms).toFixed(2)}`,
  );
}
