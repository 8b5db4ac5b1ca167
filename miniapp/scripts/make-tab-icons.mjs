/**
 * Draws the tab bar icons (81×81 PNG, a few hundred bytes each; WeChat allows 40 KB).
 * Shapes are described as "is this point inside?" tests and supersampled for smooth edges.
 * Run with `pnpm icons`; the PNGs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const SIZE = 81;
const SAMPLES = 4;
const COLORS = { normal: [140, 140, 140], active: [200, 22, 29] };
const outDir = new URL('../src/assets/tab/', import.meta.url);

const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRect = (x, y, left, top, right, bottom) => x >= left && x <= right && y >= top && y <= bottom;
/** Inside the triangle with apex (cx, top) and base from left to right at `bottom`. */
const inRoof = (x, y, cx, top, halfWidth, bottom) =>
  y >= top && y <= bottom && Math.abs(x - cx) <= ((y - top) / (bottom - top)) * halfWidth;
/** Inside the triangle with its base from left to right at `top` and its point at (cx, bottom). */
const inFunnel = (x, y, cx, top, halfWidth, bottom) =>
  y >= top && y <= bottom && Math.abs(x - cx) <= ((bottom - y) / (bottom - top)) * halfWidth;

const SHAPES = {
  // A house with a door.
  home: (x, y) => (inRoof(x, y, 40.5, 10, 32, 38) || inRect(x, y, 18, 36, 63, 70)) && !inRect(x, y, 34, 48, 47, 70),
  // A map pin: the station finder.
  stations: (x, y) =>
    (inCircle(x, y, 40.5, 32, 22) || inFunnel(x, y, 40.5, 40, 19, 74)) && !inCircle(x, y, 40.5, 32, 9),
  // A gift box: member benefits.
  benefits: (x, y) =>
    (inRect(x, y, 12, 28, 69, 40) ||
      inRect(x, y, 17, 43, 64, 72) ||
      inCircle(x, y, 31, 21, 8) ||
      inCircle(x, y, 50, 21, 8)) &&
    !inRect(x, y, 38, 28, 43, 72) &&
    !inCircle(x, y, 31, 21, 3.5) &&
    !inCircle(x, y, 50, 21, 3.5),
  // A person: head and shoulders.
  mine: (x, y) =>
    inCircle(x, y, 40.5, 25, 14) || (y >= 46 && y <= 72 && ((x - 40.5) / 29) ** 2 + ((y - 72) / 26) ** 2 <= 1),
};

function draw(inside, [r, g, b]) {
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (inside(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)) hits++;
        }
      }
      const i = (py * SIZE + px) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = Math.round((hits / SAMPLES ** 2) * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

mkdirSync(outDir, { recursive: true });
for (const [name, inside] of Object.entries(SHAPES)) {
  writeFileSync(new URL(`${name}.png`, outDir), draw(inside, COLORS.normal));
  writeFileSync(new URL(`${name}-active.png`, outDir), draw(inside, COLORS.active));
}
console.log('tab icons written to', outDir.pathname);
