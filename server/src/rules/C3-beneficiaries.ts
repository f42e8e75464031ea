/**
 * C3 — Beneficiaries between avance and solde: removing one passes (the amount is recomputed); adding one, or
 * changing a FINESS géographique, is rejected; after a merger the solde keeps the historical identifiers of the
 * avance (sources 002, 000, 004). Identifiers are those marked `x-role: id:*` in schemas/.
 */
import { beneficiariesOf, type ProjectRule, type BeneficiarySummary } from '../engine/rule-api';
import { L } from './util';
import { roleLabel } from './uniquenessRule';

type Id = BeneficiarySummary['ids'][number];
/** The identifiers of a beneficiary that are strings (a summary read defensively: null entries are skipped). */
const idsOf = (b: BeneficiarySummary): Id[] => b.ids.filter((id) => id && typeof id.value === 'string' && typeof id.role === 'string');

export const C3: ProjectRule = {
  meta: {
    id: 'C3',
    title: L("Bénéficiaires de l'avance", 'Beneficiaries of the avance'),
    sources: ['002', '000', '004'],
    severity: 'error',
    fixable: false,
    stated: L(
      "Retirer un bénéficiaire passe (montant recalculé) ; en ajouter un ou changer un FINESS géographique est rejeté ; après une fusion, le solde garde les identifiants de l'avance (002, 000, 004).",
      "Removing a beneficiary passes (amount recomputed); adding one or changing a geographic FINESS is rejected; after a merger the solde keeps the avance's identifiers (002, 000, 004).",
    ),
    messages: {
      added: L(
        "{label} absent de l'avance : ajouter un bénéficiaire (ou changer un FINESS géographique) au solde est rejeté ; après une fusion, gardez les identifiants historiques de l'avance.",
        "{labelEn} not in the avance: adding a beneficiary (or changing a geographic FINESS) at the solde is rejected; after a merger keep the avance's historical identifiers.",
      ),
      changed: L(
        "{label} changé entre l'avance et le solde : rejeté ; après une fusion, le solde garde les identifiants historiques de l'avance.",
        "{labelEn} changed between avance and solde: rejected; after a merger the solde keeps the avance's historical identifiers.",
      ),
      removed: L(
        "{label} de l'avance absent du solde : un retrait de bénéficiaire est accepté, le montant du solde est alors recalculé par l'ASP (il ne peut plus être égal au montant de l'avance).",
        '{labelEn} of the avance missing from the solde: removing a beneficiary is accepted, the solde amount is then recomputed by the ASP (it can no longer equal the avance amount).',
      ),
    },
  },
  pair({ solde, avance, report }) {
    const key = (id: Id) => `${id.role}|${id.value}`;
    const soldeBs = beneficiariesOf(solde.line);
    const avanceBs = beneficiariesOf(avance.line);
    const soldeKeys = new Set(soldeBs.flatMap((b) => idsOf(b).map(key)));
    const avanceKeys = new Set(avanceBs.flatMap((b) => idsOf(b).map(key)));
    const avanceLine = [{ file: avance.file, offset: avance.line.offset, length: 1, message: L("Ligne de l'avance", 'Avance line') }];
    // Roles (per beneficiary group) that lost an identifier: an identifier of that role added there is a change.
    const lost = new Set<string>();
    for (const b of avanceBs) for (const id of idsOf(b)) if (!soldeKeys.has(key(id))) lost.add(`${b.group}|${id.role}`);
    for (const b of soldeBs) {
      for (const id of idsOf(b)) {
        if (avanceKeys.has(key(id))) continue;
        const label = roleLabel(id.role);
        const changed = lost.has(`${b.group}|${id.role}`);
        report({
          file: solde.file,
          messageId: changed ? 'changed' : 'added',
          slug: changed ? 'changed' : 'added',
          args: { label: label.fr, labelEn: label.en },
          offset: id.offset,
          length: id.length,
          related: avanceLine,
        });
      }
    }
    // Removals pass (information): a whole beneficiary gone, or an identifier dropped without replacement.
    const added = new Set(
      soldeBs.flatMap((b) =>
        idsOf(b)
          .filter((id) => !avanceKeys.has(key(id)))
          .map((id) => `${b.group}|${id.role}`),
      ),
    );
    for (const b of avanceBs) {
      const ids = idsOf(b);
      const missing = ids.filter((id) => !soldeKeys.has(key(id)));
      if (missing.length === 0) continue;
      const whole = missing.length === ids.length;
      for (const id of whole ? [missing[0]] : missing) {
        if (!whole && added.has(`${b.group}|${id.role}`)) continue; // a change, reported above
        const label = whole ? L('Bénéficiaire', 'Beneficiary') : roleLabel(id.role);
        report({
          file: solde.file,
          messageId: 'removed',
          slug: 'removed',
          severity: 'information',
          args: { label: label.fr, labelEn: label.en },
          offset: solde.line.offset,
          length: 1,
          related: [{ file: avance.file, offset: whole ? b.offset : id.offset, length: whole ? 1 : id.length, message: L("Dans l'avance", 'In the avance') }],
        });
      }
    }
  },
};
