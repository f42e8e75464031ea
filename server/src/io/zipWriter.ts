/**
 * The ZIPs of `segur-json package` (io/zipPackage.ts), written and read back: stored entries (no deflate), a fixed
 * time, node's native CRC-32; the read-back lists the entries with fflate's reader and compares the central
 * directory's sizes and CRC-32 with those computed while writing.
 */
import * as zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import type { Localized } from '../segur';

/** A ZIP that cannot be written (two entries of one name, over 4 GB). */
export class ZipWriteError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

/** CRC-32 (the ZIP's): node's native one (zlib.crc32, node 20.15 and later), else the table-driven one here. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
let table: Int32Array | undefined;
export function crc32(bytes: Uint8Array): number {
  if (nativeCrc32) return nativeCrc32(bytes) >>> 0;
  if (!table) {
    table = new Int32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[i] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** An entry of a ZIP: its name and bytes, with their CRC-32 when the caller has it already. */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
  crc?: number;
}

/** What a ZIP entry should be, to compare a ZIP read back with: its name, size and CRC-32 (or its bytes). */
export type ExpectedEntry = { name: string; bytes: Uint8Array; crc?: number } | { name: string; size: number; crc: number };

const ZIP_LIMIT = 0xffffffff;

/**
 * One ZIP of `entries` in their order, every entry at `mtime`: the same bytes for the same input. Entries are stored, not
 * deflated: an attachment is a PDF, a JPEG or a PNG (P3), formats already compressed, so deflating (in JavaScript)
 * cost about 25 s on 600 files of 1 MB for no smaller ZIP (bench/deposit.mjs). Written here rather than by fflate's
 * zipSync: a stored ZIP is a header before each entry and a directory at the end, and fflate computes each CRC-32 in
 * JavaScript (1.4 s of the 4.9 s `package` took on bench/deposit.mjs), where node's is native. fflate reads it back.
 */
export function storedZip(entries: readonly ZipEntry[], mtime: Date): Uint8Array {
  const time = (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | (mtime.getSeconds() >> 1);
  const date = ((mtime.getFullYear() - 1980) << 9) | ((mtime.getMonth() + 1) << 5) | mtime.getDate();
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) throw new ZipWriteError({ fr: 'deux entrées du même nom dans un ZIP', en: 'two entries of one name in a ZIP' });
    seen.add(e.name);
    const name = Buffer.from(e.name, 'utf8');
    // Bit 11: the name is UTF-8 (any non-ASCII character), as fflate writes it.
    const flags = name.length !== e.name.length || /[^\x00-\x7f]/.test(e.name) ? 0x800 : 0;
    const crc = e.crc ?? crc32(e.bytes);
    const size = e.bytes.length;
    if (size >= ZIP_LIMIT || offset + 30 + name.length + size >= ZIP_LIMIT) throw new ZipWriteError({ fr: 'ZIP de plus de 4 Go', en: 'ZIP larger than 4 GB' });
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(flags, 8);
    dir.writeUInt16LE(0, 10);
    dir.writeUInt16LE(time, 12);
    dir.writeUInt16LE(date, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(size, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    chunks.push(local, name, e.bytes);
    offset += 30 + name.length + size;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

/** The CRC-32 of each entry of a ZIP's central directory, in its order (undefined: no directory found). */
function directoryCrcs(zip: Uint8Array): number[] | undefined {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = b.length - 22; at >= 0 && at >= b.length - 22 - 0xffff; at--) {
    if (b.readUInt32LE(at) !== 0x06054b50) continue;
    const count = b.readUInt16LE(at + 10);
    let p = b.readUInt32LE(at + 16);
    const crcs: number[] = [];
    for (let i = 0; i < count; i++) {
      if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return undefined;
      crcs.push(b.readUInt32LE(p + 16));
      p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    }
    return crcs;
  }
  return undefined;
}

/**
 * What is wrong with a ZIP read back against what it should hold, if anything: listed by fflate's reader (names in
 * order, sizes, stored), then the CRC-32 of each entry in its central directory against the expected one (computed
 * from the bytes when not given). Said by entry position, never by name (the caller names the request).
 */
export function zipMismatch(zip: Uint8Array, expected: readonly ExpectedEntry[]): Localized | undefined {
  const listed: { name: string; size: number; originalSize: number; compression: number }[] = [];
  try {
    // Listed only: a filter that takes nothing lists every entry without copying its bytes.
    unzipSync(zip, {
      filter: (f) => {
        listed.push(f);
        return false;
      },
    });
  } catch {
    return { fr: 'le ZIP écrit ne se relit pas', en: 'the ZIP written does not read back' };
  }
  const names = listed.map((f) => f.name);
  if (names.length !== expected.length || names.some((n, i) => n !== expected[i].name))
    return {
      fr: `le ZIP relu n'a pas les entrées attendues (${names.length} au lieu de ${expected.length}, ou pas dans l'ordre du JSON)`,
      en: `the ZIP read back does not hold the expected entries (${names.length} instead of ${expected.length}, or not in the JSON's order)`,
    };
  const crcs = directoryCrcs(zip);
  if (!crcs || crcs.length !== expected.length) return { fr: 'le ZIP écrit ne se relit pas', en: 'the ZIP written does not read back' };
  for (const [i, e] of expected.entries()) {
    const size = 'bytes' in e ? e.bytes.length : e.size;
    const f = listed[i];
    if (f.originalSize !== size || f.size !== size || f.compression !== 0)
      return { fr: `entrée ${i + 1} : taille différente de la pièce`, en: `entry ${i + 1}: size differs from the attachment` };
    const crc = e.crc ?? ('bytes' in e ? crc32(e.bytes) : undefined);
    if (crcs[i] !== crc) return { fr: `entrée ${i + 1} : contenu différent de la pièce`, en: `entry ${i + 1}: content differs from the attachment` };
  }
  return undefined;
}
