/**
 * S12 — The portal parses strict JSON: comments, trailing commas, duplicate keys, single quotes, NaN/Infinity
 * are rejected (consequence of JSON, RFC 8259; the portal's first control is the file format, seed 002 flow
 * chart). Literal case (`Null`, `True`) is reported by S3/S4. A file that is not UTF-8 (S12/encoding) is reported by
 * the engine, from the encoding its caller decoded the bytes with (engine/syntax/decode.ts).
 */
import type { Rule, Localized } from '../engine/rule-api';
import { L, fix } from './util';

/** jsonc-parser's ParseErrorCode names (parse.ts `detail`), in words. */
export const PARSE_ERRORS: Record<string, Localized> = {
  InvalidSymbol: L('mot ou caractère inattendu', 'unexpected word or character'),
  InvalidNumberFormat: L('nombre mal écrit', 'badly written number'),
  PropertyNameExpected: L('nom de balise attendu (entre guillemets doubles)', 'key name expected (in double quotes)'),
  ValueExpected: L('valeur attendue', 'value expected'),
  ColonExpected: L('deux-points « : » attendu après le nom de la balise', 'colon ":" expected after the key name'),
  CommaExpected: L('virgule attendue entre deux éléments', 'comma expected between two items'),
  CloseBraceExpected: L('accolade fermante « } » attendue', 'closing brace "}" expected'),
  CloseBracketExpected: L('crochet fermant « ] » attendu', 'closing bracket "]" expected'),
  EndOfFileExpected: L('texte après la fin du JSON', 'text after the end of the JSON'),
  InvalidCommentToken: L('commentaire mal formé', 'malformed comment'),
  UnexpectedEndOfComment: L('commentaire non fermé', 'unterminated comment'),
  UnexpectedEndOfString: L('chaîne non fermée (guillemet manquant)', 'unterminated string (missing quote)'),
  UnexpectedEndOfNumber: L('nombre incomplet', 'incomplete number'),
  InvalidUnicode: L('séquence Unicode \\u invalide', 'invalid \\u Unicode sequence'),
  InvalidEscapeCharacter: L("caractère d'échappement « \\ » invalide", 'invalid "\\" escape character'),
  InvalidCharacter: L('caractère interdit dans une chaîne (tabulation, saut de ligne)', 'character not allowed in a string (tab, line break)'),
};

export const S12: Rule = {
  meta: {
    id: 'S12',
    title: L('JSON strict', 'Strict JSON'),
    sources: ['002'],
    severity: 'error',
    fixable: true,
    stated: L(
      'Le premier contrôle du portail est le format du fichier (logigramme 002) : du JSON strict (RFC 8259).',
      "The portal's first control is the file format (002 flow chart): strict JSON (RFC 8259).",
    ),
    modelled: L(
      "L'encodage attendu (UTF-8, S12/encoding) : le portail ne le publie pas, le RFC 8259 l'impose au JSON échangé.",
      'The expected encoding (UTF-8, S12/encoding): the portal does not publish it, RFC 8259 requires it of exchanged JSON.',
    ),
    messages: {
      comment: L("Commentaire interdit : le JSON du portail n'accepte pas de commentaires.", "Comment not allowed: the portal's JSON accepts no comments."),
      'trailing-comma': L(
        'Virgule en trop avant la fermeture : le portail rejette le fichier.',
        'Trailing comma before the closing bracket: the portal rejects the file.',
      ),
      'single-quote': L(
        "Apostrophes simples interdites : les chaînes s'écrivent entre guillemets doubles.",
        'Single quotes not allowed: strings are written between double quotes.',
      ),
      'nan-infinity': L("NaN/Infinity n'existent pas en JSON : écrivez un nombre.", 'NaN/Infinity do not exist in JSON: write a number.'),
      'duplicate-key': L(
        "Balise en double dans le même bloc : le portail rejette le fichier (supprimez l'une des deux).",
        'Duplicate key in the same block: the portal rejects the file (remove one of them).',
      ),
      bom: L(
        "Marque d'ordre des octets (BOM) en début de fichier : enregistrez en UTF-8 sans BOM.",
        'Byte order mark (BOM) at the start of the file: save as UTF-8 without BOM.',
      ),
      empty: L('Fichier vide.', 'Empty file.'),
      // The portal takes UTF-8 (RFC 8259 §8.1; no public ASP document states the portal's expectation, so modelled).
      // Reported by the engine from CheckOptions.encoding (the bytes are decoded by the caller).
      encoding: L(
        "Le fichier n'est pas en UTF-8 ({detail}) : le JSON échangé s'écrit en UTF-8 (RFC 8259) ; l'encodage accepté par le portail n'est pas publié. Enregistrez-le en UTF-8 (segur-json check --fix-encoding le convertit).",
        'The file is not UTF-8 ({detail}): exchanged JSON is written in UTF-8 (RFC 8259); the encoding the portal accepts is not published. Save it as UTF-8 (segur-json check --fix-encoding converts it).',
      ),
      'encoding-guess': L(
        "Le fichier n'est pas en UTF-8 ({detail} ?) : le JSON échangé s'écrit en UTF-8 (RFC 8259) ; l'encodage accepté par le portail n'est pas publié. Enregistrez-le en UTF-8 (segur-json check --fix-encoding le convertit).",
        'The file is not UTF-8 ({detail}?): exchanged JSON is written in UTF-8 (RFC 8259); the encoding the portal accepts is not published. Save it as UTF-8 (segur-json check --fix-encoding converts it).',
      ),
      'too-deep': L(
        "Imbrication de plus de {detail} niveaux : ce n'est pas un fichier Ségur valide (seule la syntaxe est vérifiée).",
        'Nesting deeper than {detail} levels: not a valid Ségur file (only the syntax is checked).',
      ),
      syntax: L('JSON invalide : {what}. Le portail rejette le fichier.', 'Invalid JSON: {whatEn}. The portal rejects the file.'),
    },
  },
  stage: 'syntax',
  create(ctx) {
    const titles: Record<string, ReturnType<typeof L>> = {
      comment: L('Supprimer le commentaire', 'Remove the comment'),
      'trailing-comma': L('Supprimer la virgule', 'Remove the comma'),
      'single-quote': L('Écrire entre guillemets doubles', 'Use double quotes'),
      bom: L('Supprimer le BOM', 'Remove the BOM'),
    };
    return {
      syntax(problems) {
        for (const p of problems) {
          if (p.kind === 'literal-case') continue; // S3 / S4
          const span = p.fixSpan ?? p;
          const edits = p.replacement !== undefined && titles[p.kind] ? [{ offset: span.offset, length: span.length, newText: p.replacement }] : undefined;
          ctx.report({
            messageId: p.kind,
            slug: p.kind,
            args: {
              detail: p.detail ?? '',
              what: (PARSE_ERRORS[p.detail ?? ''] ?? L('erreur de syntaxe', 'syntax error')).fr,
              whatEn: (PARSE_ERRORS[p.detail ?? ''] ?? L('erreur de syntaxe', 'syntax error')).en,
            },
            offset: p.offset,
            length: p.length,
            fix: edits ? fix(titles[p.kind], edits) : undefined,
            related: p.related ? [{ ...p.related, message: L('Première occurrence', 'First occurrence') }] : undefined,
          });
        }
      },
    };
  },
};
