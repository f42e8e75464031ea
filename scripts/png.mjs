/**
 * A PNG file from raw pixels, for the icon (make-icon.mjs), the deposit bench and the tests that need real images:
 * 8-bit RGB or RGBA, every row with filter 0, one deflated IDAT. Written out (not a library) because it is this small
 * and every caller needs exact control of the bytes; CRC-32 is computed here rather than with node:zlib's, which
 * Node 20 gained only in a minor release.
 */
import { deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG wants it (ISO 3309, over a chunk's type and data). */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One chunk: length, type, data, CRC of type and data. */
export function pngChunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/**
 * The PNG of `width` × `height` pixels given row after row, `channels` bytes each (3: RGB, 4: RGBA), without filter
 * bytes; `level`: the deflate level (zlib's default when absent).
 */
export function encodePng(width, height, pixels, channels = 3, level) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = channels === 4 ? 6 : 2; // colour type: RGBA or truecolour; compression, filter, interlace stay 0
  const stride = width * channels;
  const rows = Buffer.alloc(height * (1 + stride));
  for (let y = 0; y < height; y++) Buffer.from(pixels.buffer, pixels.byteOffset + y * stride, stride).copy(rows, y * (1 + stride) + 1);
  const idat = deflateSync(rows, level === undefined ? {} : { level });
  return Buffer.concat([SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}
