/**
 * I5 — IdentDMP by corridor (sources 002, 004 FAQ; docs/rules.md#i5, docs/identifiers.md §8): the
 * corridor variant is data (`identDmpVariant` of schemas/sons.json). Two tables: HOP-PFI-Va2 avance (variant
 * HOP-PFI: `1` + FINESS PMSI, confirmed:004) and MDV-LGC-Va2 avance (variant MDV: the libéral doctor's RPPS; for a
 * structure, the RPPS of its doctors in one value, `x-list-separator: ";"`, our model).
 */
import { I5 } from './I5-ident-dmp';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const pfi = ['lignesImport', 0, 'beneficiaires', 'Etablissements', 0, 'IdentDMP'];

ruleTable(I5, {
  sons: 'HOP-PFI-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: 1 + the FINESS PMSI, good key' },
    // 2A0000170: a real Corsican FINESS (ids §3); its IdentDMP has 10 characters that are not all digits.
    { name: 'a Corsican FINESS after the prefix (12A0000170)', patch: [{ path: pfi, value: '12A0000170' }] },
  ],
  invalid: [
    {
      name: 'the FINESS after the prefix has a bad key: no fix; the key rests on the FINESS standard (reference)',
      patch: [{ path: pfi, value: '1750712185' }],
      errors: [{ code: 'I5/ident-dmp', span: '"1750712185"', line: 28, provenance: 'reference' }],
    },
    {
      name: 'the prefix of another corridor (6 = FINESS géographique, RAD / BIO-SGL)',
      patch: [{ path: pfi, value: '6750712184' }],
      errors: [{ code: 'I5/ident-dmp', span: '"6750712184"', line: 28 }],
    },
    {
      name: 'a space after the prefix: the fix removes it',
      patch: [{ path: pfi, value: '1 750712184' }],
      errors: [{ code: 'I5/ident-dmp', span: '"1 750712184"', fixed: [{ path: pfi, value: '1750712184' }] }],
    },
    {
      name: 'a lower-case Corsican FINESS after the prefix: the fix keeps the prefix and writes 2A',
      patch: [{ path: pfi, value: '12a0000170' }],
      errors: [{ code: 'I5/ident-dmp', span: '"12a0000170"', fixed: [{ path: pfi, value: '12A0000170' }] }],
    },
    {
      name: 'scientific notation from a spreadsheet (1,75071E+09): no fix, the digits are lost',
      patch: [{ path: pfi, value: '1,75071E+09' }],
      errors: [{ code: 'I5/ident-dmp', span: '"1,75071E+09"', line: 28 }],
    },
    {
      name: 'a number instead of a string: the fix quotes it',
      patch: [{ replace: '"IdentDMP": "1750712184"', with: '"IdentDMP": 1750712184' }],
      errors: [{ code: 'I5/ident-dmp', span: '1750712184', line: 28, fixed: [{ path: pfi, value: '1750712184' }] }],
    },
  ],
});

const liberal = ['lignesImport', 0, 'beneficiaires', 'medecinsLiberaux', 0, 'IdentDMP'];
const structure = ['lignesImport', 1, 'beneficiaires', 'structures', 0, 'IdentDMP'];

ruleTable(I5, {
  sons: 'MDV-LGC-Va2',
  kind: 'avance',
  valid: [
    { name: "the example: the doctor's RPPS, the structure's RPPS" },
    { name: 'a structure with two doctors, RPPS separated by ";"', patch: [{ path: structure, value: '10100850832;10002485232' }] },
    { name: 'null where the schema allows it (IdentDMP optional in the avance)', patch: [{ path: structure, value: null }] },
  ],
  invalid: [
    {
      name: "a libéral doctor's IdentDMP with a bad RPPS key",
      patch: [{ path: liberal, value: '10002485233' }],
      errors: [{ code: 'I5/ident-dmp', span: '"10002485233"', line: 28 }],
    },
    {
      name: "the second RPPS of a structure's list has a bad key: no fix",
      patch: [{ path: structure, value: '10100850832;10002485233' }],
      errors: [{ code: 'I5/ident-dmp', span: '"10100850832;10002485233"', line: 65 }],
    },
    {
      name: 'a comma and a blank instead of ";": the fix writes the list with ";"',
      patch: [{ path: structure, value: '10100850832, 10002485232' }],
      errors: [{ code: 'I5/ident-dmp', span: '"10100850832, 10002485232"', line: 65, fixed: [{ path: structure, value: '10100850832;10002485232' }] }],
    },
    {
      name: 'blanks around ";": the fix removes them',
      patch: [{ path: structure, value: '10100850832 ; 10002485232' }],
      errors: [{ code: 'I5/ident-dmp', span: '"10100850832 ; 10002485232"', fixed: [{ path: structure, value: '10100850832;10002485232' }] }],
    },
    {
      name: 'an empty item between two ";": the fix drops it',
      patch: [{ path: structure, value: '10100850832;;10002485232' }],
      errors: [{ code: 'I5/ident-dmp', span: '"10100850832;;10002485232"', fixed: [{ path: structure, value: '10100850832;10002485232' }] }],
    },
    {
      name: 'the same RPPS twice in the list: no fix (which one was meant is unknown)',
      patch: [{ path: structure, value: '10100850832;10100850832' }],
      errors: [{ code: 'I5/ident-dmp', span: '"10100850832;10100850832"' }],
    },
  ],
});
