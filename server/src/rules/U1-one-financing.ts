/** U1 — One financing per ES (FINESS PMSI) per SONS; one per establishment or health professional per SONS (sources 001, 004). */
import { uniquenessRule } from './uniquenessRule';
import { L } from './util';

export const U1 = uniquenessRule('U1', L('Un seul financement par ES ou PS et par SONS', 'One financing per ES or PS per SONS'), ['001', '004'], {
  stated: L(
    'Un seul financement par ES (FINESS PMSI) et par SONS (001) ; par établissement ou professionnel de santé et par SONS (004).',
    'One financing per ES (PMSI FINESS) per SONS (001); per establishment or health professional per SONS (004).',
  ),
  modelled: L(
    'Les balises où se lisent ces identifiants (x-role) dans les modèles modélisés.',
    'The keys these identifiers are read from (x-role) in modelled templates.',
  ),
});
