/** U1 — One financing per ES (FINESS PMSI) per SONS; one per establishment or health professional per SONS (sources 001, 004). */
import { uniquenessRule } from './uniquenessRule';
import { L } from './util';

export const U1 = uniquenessRule('U1', L('Un seul financement par ES ou PS et par SONS', 'One financing per ES or PS per SONS'), ['001', '004']);
