/**
 * pdf-lib's use of pako, answered by Node's own zlib (the bundles run in Node: the language server, the CLI): pdf-lib
 * deflates the streams it writes (pako.deflate) and inflates its fonts' metrics (pako.inflate), both zlib-wrapped, at
 * the default level, as pako does. The bundles then carry no second zlib written in JavaScript (scripts/build.mjs).
 */
import { deflateSync, inflateSync } from 'node:zlib';

const bytes = (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export function deflate(data) {
  return bytes(deflateSync(data));
}

export function inflate(data) {
  return bytes(inflateSync(data));
}

export default { deflate, inflate };
