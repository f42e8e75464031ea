/** Types of scripts/png.mjs, for the tests that import it. */
export function crc32(bytes: Uint8Array): number;
export function pngChunk(type: string, data: Uint8Array): Buffer;
export function encodePng(width: number, height: number, pixels: Uint8Array, channels?: 3 | 4, level?: number): Buffer;
