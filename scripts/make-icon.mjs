#!/usr/bin/env node
/**
 * The extension's icon, images/icon.png (128 × 128, named by package.json `icon`): a blue rounded square with a white
 * check mark, drawn here so the repository holds the means to remake it rather than a binary from nowhere. Each
 * shape is a signed distance (negative inside), and a pixel's opacity is how far inside its centre lies, which
 * smooths the edges without a drawing library. The PNG is written by hand: 8-bit RGBA, every row with filter 0,
 * the chunks IHDR, IDAT (zlib) and IEND, each with its CRC-32.
 *
 *   node scripts/make-icon.mjs            writes images/icon.png
 *   node scripts/make-icon.mjs --stdout   writes the PNG to stdout (test/repo/manifest.test.ts compares the pixels)
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.mjs';

const SIZE = 128;
const BLUE = [31, 95, 191];
const WHITE = [255, 255, 255];

/** Distance from (x, y) to a square of side `SIZE - 2 * margin` whose corners are rounded by `radius`. */
function roundedSquare(x, y, margin, radius) {
  const half = SIZE / 2 - margin - radius;
  const qx = Math.abs(x - SIZE / 2) - half;
  const qy = Math.abs(y - SIZE / 2) - half;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance from (x, y) to the segment a–b thickened to `width` with round ends. */
function stroke(x, y, [ax, ay], [bx, by], width) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) - width / 2;
}

/** Opacity of a shape at a pixel whose centre lies at signed distance d: 1 inside, 0 outside, linear over a pixel. */
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d));

/** The icon's pixels: SIZE rows of SIZE RGBA quadruples. */
export function pixels() {
  const out = Buffer.alloc(SIZE * SIZE * 4);
  const check = [
    [36, 66],
    [56, 86],
    [93, 45],
  ];
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const x = px + 0.5;
      const y = py + 0.5;
      const square = cover(roundedSquare(x, y, 4, 22));
      const mark = Math.min(square, cover(Math.min(stroke(x, y, check[0], check[1], 15), stroke(x, y, check[1], check[2], 15))));
      const i = (py * SIZE + px) * 4;
      for (let c = 0; c < 3; c++) out[i + c] = Math.round(BLUE[c] + (WHITE[c] - BLUE[c]) * mark);
      out[i + 3] = Math.round(255 * square);
    }
  }
  return out;
}

/** The PNG file of the icon. */
export function png() {
  return encodePng(SIZE, SIZE, pixels(), 4, 9);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = png();
  if (process.argv.includes('--stdout')) {
    process.stdout.write(bytes);
  } else {
    const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'images', 'icon.png');
    writeFileSync(file, bytes);
    console.log(`make-icon: images/icon.png, ${SIZE} × ${SIZE}, ${bytes.length} bytes`);
  }
}
