/**
 * Identifier and value checks. Vectors: shared/domain/identifiers.md (cited "ids §n", every table row) plus the
 * extra vectors of shared/domain/verify.mjs; rules: shared/domain/rules.md.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luhnCheckDigit, luhnIsValid } from '../../server/src/identifiers/luhn.ts';
import {
  DOSSIER_ASP_RE,
  checkAdeli,
  checkAm,
  checkAmount,
  checkDate,
  checkDossierAsp,
  checkEmail,
  checkFileName,
  checkFiness,
  checkIdentDmp,
  checkIdentInsi,
  checkMssAddress,
  checkNumeroAns,
  checkPhone,
  checkRpps,
  checkRppsRang,
  checkSiren,
  checkSiret,
  parseNumeroAns,
  type IdCheck,
  type IdFailure,
} from '../../server/src/identifiers/index.ts';

type Check = (v: string) => IdCheck;

function assertValid(check: Check, values: string[]): void {
  for (const v of values) assert.deepEqual(check(v), { ok: true }, `${v} should be valid`);
}

/** Each entry: [value, expected reason]. */
function assertInvalid(check: Check, cases: Array<[string, IdFailure]>): void {
  for (const [v, reason] of cases) {
    const r = check(v);
    assert.equal(r.ok, false, `${v} should be invalid`);
    if (!r.ok) assert.equal(r.reason, reason, `${v}: reason`);
  }
}

/** Asserts a failure with the given reason and exact suggestion (undefined = no suggestion); returns its hint. */
function assertFailure(r: IdCheck, reason: IdFailure, suggestion?: string): string {
  assert.equal(r.ok, false);
  if (r.ok) return '';
  assert.equal(r.reason, reason);
  assert.equal(r.suggestion, suggestion);
  return r.hint ?? '';
}

// ---------------------------------------------------------------------------------------------------------------
// Luhn (ids §0)

test('luhn: valid and invalid digit strings', () => {
  assert.equal(luhnIsValid('404833048'), true);
  assert.equal(luhnIsValid('404833047'), false);
  assert.equal(luhnIsValid('0'), true);
  assert.equal(luhnIsValid(''), false);
  assert.equal(luhnIsValid('4048 33048'), false);
  assert.equal(luhnIsValid('2A0000170'), false);
});

test('luhn: check digit of a body', () => {
  assert.equal(luhnCheckDigit('40483304'), 8);
  assert.equal(luhnCheckDigit('75071218'), 4); // AP-HP FINESS 750712184
  assert.equal(luhnCheckDigit('1000535557'), 2); // RPPS 10005355572
  assert.equal(luhnCheckDigit('3560000000004'), 8); // La Poste head office, Luhn-valid
  for (const body of ['0', '12345', '99999999']) assert.equal(luhnIsValid(body + luhnCheckDigit(body)), true);
  assert.throws(() => luhnCheckDigit('12a'), RangeError);
  assert.throws(() => luhnCheckDigit(''), RangeError);
});

// ---------------------------------------------------------------------------------------------------------------
// SIREN (I2, ids §1)

test('SIREN: valid vectors', () => {
  assertValid(checkSiren, [
    '404833048', '552008443', '350792008', '480318245', '500674056', '529290488', '738205269', '752136200',
    '752490334', '775699309', '775672272', '776944944', '820043784', '310188420', '217601145', '432167567',
    '417625639', '334932720', '440288371', '517439543', '356000000', '260100045', '398069963',
  ]);
});

test('SIREN: invalid vectors', () => {
  assertInvalid(checkSiren, [
    ['404833047', 'key'], ['440797075', 'key'], ['488537813', 'key'], ['432167568', 'key'], ['417625630', 'key'],
    ['334932721', 'key'], ['440288372', 'key'], ['517439544', 'key'], ['111222333', 'key'], ['123456789', 'key'],
    ['111111111', 'key'], ['356000001', 'key'],
    ['44079707', 'length'], ['4407970745', 'length'], ['azertyuio', 'format'], ['', 'format'],
    ['000000000', 'sentinel'],
  ]);
});

// ---------------------------------------------------------------------------------------------------------------
// SIRET (I3, ids §2)

test('SIRET: valid vectors (including La Poste)', () => {
  assertValid(checkSiret, [
    '73282932000074', '35600000009075', '35600000000048', '35600000049837', '44079707400026', '48853781200015',
    '43216756700028', '41762563900030', '33493272000017', '44028837100014', '51743954300011', '35600053914285',
    '26010004500012', '26971036400028', '50254756500015', '26973302800022', '20003001300011', '31822647900117',
    '37875112700101', '82967998400015', '13000323900014', '77220148900022', '39806996300013', '39806996300054',
    '39806996300070', '39806996300062', '26250462400012', '38042372300028',
  ]);
});

test('SIRET: invalid vectors', () => {
  assertInvalid(checkSiret, [
    ['73282932000079', 'key'], ['73282932000075', 'key'], ['35600000049838', 'key'], ['44079707400027', 'key'],
    ['48853781200016', 'key'], ['43216756700029', 'key'], ['41762563900031', 'key'], ['33493272000018', 'key'],
    ['44028837100015', 'key'], ['51743954300012', 'key'], ['11122233344455', 'key'], ['35600000000012', 'key'],
    ['440797074000', 'length'], ['440797074000278', 'length'], ['azertyuiopqsdf', 'format'],
    ['00000000000000', 'sentinel'],
  ]);
});

test('SIRET: La Poste rule is permissive but limited to SIREN 356000000', () => {
  // 35600000009075 fails Luhn-14 and passes only through the digit-sum rule.
  assert.equal(luhnIsValid('35600000009075'), false);
  assert.deepEqual(checkSiret('35600000009075'), { ok: true });
  // Same digit sum trick on another SIREN is not accepted: 3560005391428x with sum % 5 == 0 but bad Luhn.
  assert.equal(luhnIsValid('35600053914280'), false);
  assertFailure(checkSiret('35600053914280'), 'key');
});

test('SIRET: SIREN part checked even when Luhn-14 passes', () => {
  assert.equal(luhnIsValid('11122233344455'), true);
  assert.match(assertFailure(checkSiret('11122233344455'), 'key'), /SIREN/);
});

test('SIRET: a bare SIREN is refused with a "SIREN seul" hint (I3)', () => {
  assert.match(assertFailure(checkSiret('732829320'), 'length'), /SIREN seul/);
});

test('SIRET: spreadsheet scientific notation and blanks', () => {
  assert.match(assertFailure(checkSiret('2,601E+13'), 'format'), /notation scientifique/);
  assertFailure(checkSiret('732 829 320 00074'), 'format', '73282932000074');
  assertFailure(checkSiret(' 73282932000074 '), 'format', '73282932000074');
  assertFailure(checkSiret('732 829 320 00079'), 'format'); // no suggestion: the compact value has a bad key
});

// ---------------------------------------------------------------------------------------------------------------
// FINESS (I1, ids §3)

test('FINESS: valid vectors (mainland, overseas, Corsica)', () => {
  assertValid(checkFiness, [
    '750712184', '670780055', '330781196', '630780989', '210780581', '560023210', '350005179', '290000546',
    '510000029', '250000015', '940110018', '780110078', '920000650', '340780477', '870000015', '540002078',
    '310781406', '590780193', '590781415', '140000100', '760780239', '440000289', '490000031', '800000044',
    '130786049', '060785011', '690781810', '380780080', '970408589',
    '2B0000020', '2B0005342', '2B0004246', '2B0000442', '2B0003107', '2B0003057', '2B0004238', '2B0000939',
    '2B0003628', '2B0003073', '2B0000459', '2B0001341', '2A0000170', '2A0000386', '2A0002606', '2A0000261',
    '2A0002051',
    '010000024', '010780054', '970100400', '970100186', '970302022', '970300026', '970400024', '970210126',
    '970210118', '970102018', '970113015', '970102059', '970112611', '970405767', '970400149', '970409645',
    '970463600', '980501506', '980501498', '980502199', '980502181', '980600027', '980600019', '970302287',
    '970216057', '590799730', '010000032', '010780062', '010002301', '010002293', '010002335', '010002327',
    '010002350', '010002343', '750100125', '250000700', '250000452', '970100012', '970100103', '010780195',
  ]);
});

test('FINESS: invalid vectors', () => {
  assertInvalid(checkFiness, [
    ['970700186', 'key'], ['458174839', 'key'], ['754567860', 'key'], ['510032549', 'key'], ['150028085', 'key'],
    ['010780055', 'key'], ['2A0000171', 'key'], ['2B0000021', 'key'],
    ['100123456', 'key'], // rules.md I1: the IMG example of seed 000 is illustrative, its key is wrong
    ['70000481', 'length'], ['20000020', 'length'], ['0107800540', 'length'],
    ['2C0000020', 'format'], ['2a0000170', 'case'], ['000000000', 'sentinel'], ['', 'format'],
  ]);
});

test('FINESS: Corsica maps 2A → 21 and 2B → 22, not other conventions', () => {
  assert.equal(luhnIsValid('210000170'), true); // 2A0000170
  assert.equal(luhnIsValid('220000020'), true); // 2B0000020
  assert.equal(luhnIsValid('200000170'), false); // Omnistate's "2A counts as 0" would reject it
});

test('FINESS: lower-case Corsican letter → case, suggestion upper case when valid', () => {
  assertFailure(checkFiness('2a0000170'), 'case', '2A0000170');
  assertFailure(checkFiness('2b0000020'), 'case', '2B0000020');
  assertFailure(checkFiness('2a0000171'), 'case'); // upper case would still have a bad key: no suggestion
});

test('FINESS: 8 digits → length with a lost-leading-zero hint', () => {
  assert.match(assertFailure(checkFiness('10780054'), 'length'), /zéro initial/);
});

test('FINESS: blanks', () => {
  assertFailure(checkFiness('750 712 184'), 'format', '750712184');
});

// ---------------------------------------------------------------------------------------------------------------
// RPPS, RPPS-rang, ADELI, AM (I4, ids §4–7)

test('RPPS: valid vectors', () => {
  assertValid(checkRpps, [
    '10005355572', '10000927870', '10003761508', '10002485232', '10100850832', '10104220826', '10106282618',
    '10102243788', '10003090833', '10003802831', '10107592585', '10107592544', '10100375103', '10100271385',
    '10005929293', '10005888853', '10005531586', '10001158368', '99700245667', '99900007776',
  ]);
});

test('RPPS: invalid vectors', () => {
  assertInvalid(checkRpps, [
    ['10107582544', 'key'], ['10003461033', 'key'], ['10102727017', 'key'], ['10005355573', 'key'],
    ['1000535557', 'length'], ['100053555720', 'length'], ['810005355572', 'format'], ['1O005355572', 'format'],
    ['00000000000', 'sentinel'],
  ]);
});

test('RPPS: an IDNPS (8 + RPPS) is refused, never stripped silently', () => {
  assert.match(assertFailure(checkRpps('810005355572'), 'format', '10005355572'), /8 initial/);
  assertFailure(checkRpps('810100271385'), 'format', '10100271385');
  assertFailure(checkRpps('810005355573'), 'format'); // the stripped RPPS has a bad key: no suggestion
  assertFailure(checkRpps('899700245667'), 'format', '99700245667');
});

test('RPPS-rang: vectors', () => {
  assertValid(checkRppsRang, ['10005531586003', '10100375103005', '99700245667008', '99900007776001']);
  assertInvalid(checkRppsRang, [
    ['10005929293016', 'key'], ['10005888853066', 'key'], ['10005531586004', 'key'], ['10100000240453', 'key'],
    ['1000553158600', 'length'], ['9990000xyz6001', 'format'],
  ]);
});

test('RPPS-rang: the RPPS part must be valid on its own', () => {
  assert.match(assertFailure(checkRppsRang('10100000240453'), 'key'), /partie RPPS/);
  assert.match(assertFailure(checkRppsRang('10005531586004'), 'key'), /14 chiffres/);
});

test('ADELI: vectors', () => {
  assertValid(checkAdeli, ['012800736', '012800728', '010000206', '533100558', '789310596']);
  assertInvalid(checkAdeli, [
    ['299109803', 'key'], ['069111665', 'key'], ['919184292', 'key'], ['299109804', 'key'], ['069111666', 'key'],
    ['123456789', 'key'], ['012800737', 'key'], ['12800736', 'length'],
  ]);
});

test('AM: vectors', () => {
  assertValid(checkAm, ['001055664', '991029695']);
  assertInvalid(checkAm, [
    ['99102TEST', 'format'], ['001055665', 'key'], ['991029696', 'key'], ['1055664', 'length'],
    ['000000000', 'sentinel'],
  ]);
});

// ---------------------------------------------------------------------------------------------------------------
// IdentDMP, IdentINSi (I5, I6, ids §8)

test('IdentDMP RAD: 4 + RPPS-rang, 5 / 6 + FINESS (Corsica accepted)', () => {
  const rad: Check = (v) => checkIdentDmp(v, 'RAD');
  assertValid(rad, ['410005531586003', '410100375103005', '5750712184', '6750100125', '62A0000170', '52B0000020']);
  assertInvalid(rad, [
    ['410005929293016', 'key'], // ids §8: a RASS fixture whose RPPS-rang fails Luhn-14
    ['5750712185', 'key'],
    ['1750712184', 'prefix'],
    ['339806996300013', 'prefix'], // 3 + SIRET is a CI-SIS structure id, not allowed for RAD
    ['750712184', 'prefix'], // FINESS without prefix: first digit 7
    ['41000553158600', 'length'],
    ['5075071218', 'key'],
    ['575071218', 'length'],
    ['5-750712184', 'format'],
    ['', 'format'],
  ]);
});

test('IdentDMP: the composite does not pass Luhn as a whole, only its payload is checked', () => {
  assert.equal(luhnIsValid('1750712184'), false);
  assert.equal(luhnIsValid('410005531586003'), false);
  assert.deepEqual(checkIdentDmp('1750712184', 'HOP-PFI'), { ok: true });
});

test('IdentDMP HOP-PFI, BIO-SGL, BIO-LOINC, MDV', () => {
  assertValid((v) => checkIdentDmp(v, 'HOP-PFI'), ['1750712184', '1250000700', '12A0000170']);
  assertInvalid((v) => checkIdentDmp(v, 'HOP-PFI'), [['5750712184', 'prefix'], ['1750712185', 'key']]);
  assertValid((v) => checkIdentDmp(v, 'BIO-SGL'), ['6750100125', '62B0000020']);
  assertInvalid((v) => checkIdentDmp(v, 'BIO-SGL'), [['5750712184', 'prefix'], ['410005531586003', 'prefix']]);
  assert.match(assertFailure(checkIdentDmp('6750100125', 'BIO-LOINC'), 'format'), /null/);
  assertValid((v) => checkIdentDmp(v, 'MDV'), ['10005355572']);
  assertInvalid((v) => checkIdentDmp(v, 'MDV'), [['10005355573', 'key'], ['6750100125', 'length']]);
  assertFailure(checkIdentDmp('810005355572', 'MDV'), 'format', '10005355572');
});

test('IdentDMP: payload suggestions keep the prefix', () => {
  assertFailure(checkIdentDmp('62a0000170', 'RAD'), 'case', '62A0000170');
  assertFailure(checkIdentDmp('5 750712184', 'RAD'), 'format', '5750712184');
  assert.match(assertFailure(checkIdentDmp('610780054', 'RAD'), 'length'), /zéro initial/);
});

test('IdentINSi: exactly one FINESS (I6)', () => {
  assertValid(checkIdentInsi, ['750712184', '2A0000170']);
  for (const several of ['750712184,750100125', '750712184;750100125', '750712184 750100125', '750712184, 750100125']) {
    assert.match(assertFailure(checkIdentInsi(several), 'format'), /un seul FINESS/);
  }
  assertFailure(checkIdentInsi('750712185'), 'key');
  assertFailure(checkIdentInsi(' 750712184 '), 'format', '750712184');
});

// ---------------------------------------------------------------------------------------------------------------
// n° dossier ASP, n° ANS (I8)

test('dossier ASP: examples, placeholder, corridor', () => {
  assertValid(checkDossierAsp, ['FINIMG013656M0', 'FINIMG013751M0', 'FINHOP000123', 'FINMS1000123']);
  assertInvalid(checkDossierAsp, [
    ['FINYYYXXXXX', 'format'], ['FINIMG', 'format'], ['IMG013656M0', 'format'], ['FIN013656M0', 'format'],
    ['finimg013656m0', 'case'], ['', 'format'],
  ]);
  assert.deepEqual(checkDossierAsp('FINIMG013656M0', 'IMG'), { ok: true });
  assert.deepEqual(checkDossierAsp('FINIMG013656M0', 'img'), { ok: true });
  assert.match(assertFailure(checkDossierAsp('FINIMG013656M0', 'HOP'), 'prefix'), /HOP/);
  assertFailure(checkDossierAsp('finimg013656m0'), 'case', 'FINIMG013656M0');
  assertFailure(checkDossierAsp('finimg013656m0', 'HOP'), 'case'); // upper case would still be the wrong corridor
  const m = DOSSIER_ASP_RE.exec('FINIMG013656M0');
  assert.deepEqual(m && [m[1], m[2], m[3]], ['IMG', '013656', 'M0']);
});

test('n° ANS: check', () => {
  assertValid(checkNumeroAns, ['CVA2RIS001']);
  assertInvalid(checkNumeroAns, [
    ['0123456789', 'prefix'], // csv2json placeholder
    ['cva2ris001', 'case'], ['CVA2RIS01', 'length'], ['CVA2RIS0011', 'length'], ['CVA2-RIS01', 'format'],
    ['', 'format'],
  ]);
  assertFailure(checkNumeroAns('cva2ris001'), 'case', 'CVA2RIS001');
});

test('n° ANS: parse vague and software code', () => {
  assert.deepEqual(parseNumeroAns('CVA2RIS001'), { vague: 2, software: 'RIS' });
  assert.deepEqual(parseNumeroAns('CVA1DPI002'), { vague: 1, software: 'DPI' });
  assert.deepEqual(parseNumeroAns('CRIS001'), { vague: undefined, software: 'RIS' });
  assert.deepEqual(parseNumeroAns('0123456789'), { vague: undefined, software: undefined });
  assert.deepEqual(parseNumeroAns('cva2ris001'), { vague: undefined, software: undefined });
});

// ---------------------------------------------------------------------------------------------------------------
// Contacts (V6, V7)

test('e-mail', () => {
  assertValid(checkEmail, ['jean.dupont@ch-bastia.fr', 'a+b@example.com', "o'neil@x.org"]);
  assertInvalid(checkEmail, [
    ['jean.dupont', 'format'], ['jean@', 'format'], ['@ch.fr', 'format'], ['a..b@x.fr', 'format'],
    ['a@b', 'format'], ['a@-b.fr', 'format'], ['', 'format'],
  ]);
  assertFailure(checkEmail(' jean@ch.fr '), 'format', 'jean@ch.fr');
});

test('MSS address: complete address, bare domain refused (V7)', () => {
  assertValid(checkMssAddress, ['secretariat.radio@ch-bastia.mssante.fr', 'dr.martin@medecin.mssante.fr']);
  for (const bare of ['mssante.fr', 'ch-bastia.mssante.fr', '@ch-bastia.mssante.fr']) {
    assert.match(assertFailure(checkMssAddress(bare), 'format'), /adresse complète/);
  }
  assertInvalid(checkMssAddress, [['dr.martin@', 'format'], ['', 'format']]);
});

test('phone: French numbers, separators refused with suggestion', () => {
  assertValid(checkPhone, ['0612345678', '0495123456', '+33612345678']);
  assertFailure(checkPhone('06 12 34 56 78'), 'format', '0612345678');
  assertFailure(checkPhone('+33 6 12 34 56 78'), 'format', '+33612345678');
  assertFailure(checkPhone('06.12.34.56.78'), 'format', '0612345678');
  assert.match(assertFailure(checkPhone('06 12 34 56'), 'format'), /espaces/);
  assertFailure(checkPhone('0033612345678'), 'format', '+33612345678');
  assertInvalid(checkPhone, [
    ['061234567', 'length'], ['06123456789', 'length'], ['+3361234567', 'length'], ['+330612345678', 'length'],
    ['612345678', 'format'], ['0033612345678', 'format'], ['06-12-AB-56-78', 'format'], ['', 'format'],
  ]);
});

// ---------------------------------------------------------------------------------------------------------------
// Dates, amounts, attachment names (V1, V2, V8)

test('date: JJ/MM/AAAA and real calendar dates (V1)', () => {
  assertValid(checkDate, ['01/12/2025', '31/12/2025', '29/02/2024', '29/02/2000', '30/04/2025', '31/01/2026']);
  assertInvalid(checkDate, [
    ['31/02/2025', 'format'], ['29/02/2025', 'format'], ['29/02/1900', 'format'], ['31/04/2025', 'format'],
    ['00/12/2025', 'format'], ['01/13/2025', 'format'], ['01/00/2025', 'format'], ['01/12/25', 'format'],
    ['', 'format'],
  ]);
  assert.match(assertFailure(checkDate('31/02/2025'), 'format'), /inexistante/);
});

test('date: unambiguous other forms get a JJ/MM/AAAA suggestion', () => {
  assertFailure(checkDate('2025-12-01'), 'format', '01/12/2025');
  assertFailure(checkDate('1/12/2025'), 'format', '01/12/2025');
  assertFailure(checkDate('01-12-2025'), 'format', '01/12/2025');
  assertFailure(checkDate('01.12.2025'), 'format', '01/12/2025');
  assertFailure(checkDate(' 01/12/2025'), 'format', '01/12/2025');
  assertFailure(checkDate('2025-02-31'), 'format'); // ISO but not a real date: no suggestion
  assertFailure(checkDate('12/1/25'), 'format');
});

test('amount: finite, ≥ 0, at most 2 decimals (V2)', () => {
  for (const v of [0, 1250, 1250.1, 1250.0, 14100.83, 6666.67, 0.01, 123456789.12, 1e21]) {
    assert.deepEqual(checkAmount(v), { ok: true }, String(v));
  }
  for (const v of [1250.123, 0.001, 1e-7, 1.5e-7, 0.1 + 0.2, 16921 / 1.2, -1, -0.01, NaN, Infinity, -Infinity]) {
    assert.equal(checkAmount(v).ok, false, String(v));
  }
  assert.match(assertFailure(checkAmount(-5), 'format'), /négatif/);
  assert.match(assertFailure(checkAmount(1.005), 'format'), /2 décimales/);
});

test('file name: characters, extension, length (V8)', () => {
  assertValid(checkFileName, ['BDC_CVA2RIS001_FINIMG013656M0.pdf', 'va-signee.PDF', 'scan.jpg', 'scan.JPEG', 'x.png', 'a'.repeat(46) + '.pdf']);
  assertInvalid(checkFileName, [
    ['bdc.doc', 'format'], ['bdc', 'format'], ['.pdf', 'format'], ['bdc.pdf.zip', 'format'],
    ['a'.repeat(47) + '.pdf', 'length'], ['', 'format'],
  ]);
});

test('file name: accents and blanks get a suggestion', () => {
  assertFailure(checkFileName('Bon de commande signé.pdf'), 'format', 'Bon_de_commande_signe.pdf');
  assertFailure(checkFileName('Procès-verbal.PDF'), 'format', 'Proces-verbal.PDF');
  assertFailure(checkFileName('œuvre.png'), 'format', 'oeuvre.png');
  assertFailure(checkFileName('é'.repeat(47) + '.pdf'), 'format'); // fixed name still too long: no suggestion
  assertFailure(checkFileName('procès.docx'), 'format'); // fixed name has a wrong extension: no suggestion
});
