/**
 * Bytes to text, saying which encoding was used and whether the bytes can be written back from the text without
 * loss. Pure (no file system): the CLI and the server read the bytes (server/src/io/files.ts), the engine gets the
 * text and the encoding (CheckOptions.encoding: S12/encoding when it is not UTF-8).
 *
 * The portal takes UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8; no public ASP
 * document states the portal's own expectation, so this is modelled). Back-offices often export
 * ISO-8859-1 (the csv2json generator reads its CSV as ISO-8859-1).
 *
 * Order: a byte order mark (UTF-8, UTF-32, UTF-16); else the NUL-byte pattern of a JSON text's first ASCII
 * characters (RFC 4627 §3); else valid UTF-8; else a single-byte guess (Windows-1252 when one of its letters of
 * 0x80–0x9F is used, ISO-8859-1 otherwise).
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | 'windows-1252' | 'iso-8859-1';

export interface Decoded {
  /** The text; a UTF-8 BOM is kept as U+FEFF (the engine reports it: S12/bom), a UTF-16/32 BOM is not. */
  text: string;
  encoding: TextEncodingName;
  /**
   * True when the text stands for every byte: UTF-8 written back from it gives the same bytes (UTF-8), or converting
   * it loses nothing (other encodings). False for UTF-16/32 with an odd tail or unpaired surrogates.
   */
  lossless: boolean;
  /** The single-byte encodings are a guess (no byte says which one it is). */
  guessed: boolean;
}

/** How the encodings are named in messages. */
export const ENCODING_LABEL: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'utf-32le': 'UTF-32LE',
  'utf-32be': 'UTF-32BE',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'ISO-8859-1',
};

export function isUtf8(encoding: TextEncodingName | undefined): boolean {
  return encoding === undefined || encoding === 'utf-8' || encoding === 'utf-8-bom';
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Builds strings from UTF-16LE bytes (every Node build has it; far faster than String.fromCharCode). */
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });

export function decodeBytes(bytes: Uint8Array): Decoded {
  const b = bytes;
  const n = b.length;
  if (n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const text = tryUtf8(b);
    if (text !== undefined) return { text, encoding: 'utf-8-bom', lossless: true, guessed: false };
    // A UTF-8 BOM before bytes that are not UTF-8: the BOM is kept as U+FEFF, the rest guessed.
    const rest = singleByte(b.subarray(3));
    return { text: '\ufeff' + rest.text, encoding: rest.encoding, lossless: true, guessed: true };
  }
  if (n >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return utf32(b, 4, true);
  if (n >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return utf32(b, 4, false);
  if (n >= 2 && b[0] === 0xff && b[1] === 0xfe) return utf16(b, 2, true);
  if (n >= 2 && b[0] === 0xfe && b[1] === 0xff) return utf16(b, 2, false);
  // No BOM: a JSON text starts with an ASCII character, whose NUL bytes tell UTF-16/32 and the byte order.
  if (n >= 4 && b[0] !== 0 && b[1] === 0 && b[2] === 0 && b[3] === 0) return utf32(b, 0, true);
  if (n >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] !== 0) return utf32(b, 0, false);
  if (n >= 2 && b[0] !== 0 && b[0] < 0x80 && b[1] === 0 && (n === 2 || b[3] === 0)) return utf16(b, 0, true);
  if (n >= 2 && b[0] === 0 && b[1] !== 0 && b[1] < 0x80 && (n === 2 || b[2] === 0)) return utf16(b, 0, false);
  const text = tryUtf8(b);
  if (text !== undefined) return { text, encoding: 'utf-8', lossless: true, guessed: false };
  return { ...singleByte(b), lossless: true, guessed: true };
}

/** UTF-8 bytes of a text (U+FEFF at its start is written as the BOM it came from). */
export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function tryUtf8(b: Uint8Array): string | undefined {
  try {
    return utf8.decode(b);
  } catch {
    return undefined;
  }
}

/** Windows-1252 letters of 0x80–0x9F (the five holes 0x81, 0x8D, 0x8F, 0x90, 0x9D stay C1 controls, as in ISO-8859-1). */
const CP1252: Record<number, number> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

/** Every byte is one character, and no two bytes give the same character: always lossless. */
function singleByte(b: Uint8Array): { text: string; encoding: 'windows-1252' | 'iso-8859-1' } {
  let cp1252 = false;
  const le = new Uint8Array(b.length * 2);
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c >= 0x80 && c <= 0x9f && CP1252[c] !== undefined) {
      cp1252 = true;
      le[2 * i] = CP1252[c] & 0xff;
      le[2 * i + 1] = CP1252[c] >> 8;
    } else le[2 * i] = c;
  }
  return { text: utf16le.decode(le), encoding: cp1252 ? 'windows-1252' : 'iso-8859-1' };
}

function utf16(b: Uint8Array, start: number, le: boolean): Decoded {
  const count = (b.length - start) >> 1;
  let units = b.subarray(start, start + 2 * count);
  if (!le) {
    const swapped = new Uint8Array(units.length);
    for (let j = 0; j < units.length; j += 2) {
      swapped[j] = units[j + 1];
      swapped[j + 1] = units[j];
    }
    units = swapped;
  }
  // Lossless: an even number of bytes and every surrogate paired (else the decoder writes U+FFFD).
  let lossless = (b.length - start) % 2 === 0;
  for (let j = 1; j < units.length && lossless; j += 2) {
    const hi = units[j];
    if (hi < 0xd8 || hi > 0xdf) continue;
    if (hi <= 0xdb && j + 2 < units.length && units[j + 2] >= 0xdc && units[j + 2] <= 0xdf) j += 2;
    else lossless = false;
  }
  return { text: utf16le.decode(units), encoding: le ? 'utf-16le' : 'utf-16be', lossless, guessed: false };
}

function utf32(b: Uint8Array, start: number, le: boolean): Decoded {
  const count = (b.length - start) >> 2;
  let lossless = (b.length - start) % 4 === 0;
  const out = new Uint8Array(count * 4); // UTF-16LE, at most two units per code point
  let k = 0;
  const unit = (u: number) => {
    out[k++] = u & 0xff;
    out[k++] = u >> 8;
  };
  for (let i = 0, j = start; i < count; i++, j += 4) {
    let cp = le ? b[j] | (b[j + 1] << 8) | (b[j + 2] << 16) | (b[j + 3] << 24) : (b[j] << 24) | (b[j + 1] << 16) | (b[j + 2] << 8) | b[j + 3];
    cp >>>= 0;
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      lossless = false;
      cp = 0xfffd;
    }
    if (cp >= 0x10000) {
      unit(0xd800 + ((cp - 0x10000) >> 10));
      unit(0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else unit(cp);
  }
  return { text: utf16le.decode(out.subarray(0, k)), encoding: le ? 'utf-32le' : 'utf-32be', lossless, guessed: false };
}
