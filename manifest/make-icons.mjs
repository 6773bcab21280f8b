// Draws the two Teams app icons and writes them as PNG files beside this script:
//   color.png    192x192, full colour, opaque (Teams rounds the corners itself)
//   outline.png   32x32, white on transparent (Teams tints it in the app bar)
// Only Node built-ins: the PNG encoder below writes the signature, IHDR, one IDAT (zlib) and
// IEND, each chunk with its CRC-32. Shapes are drawn as coverage functions sampled 4x4 per
// pixel, so edges are anti-aliased and the output is the same bytes on every run.
//
// Run: node manifest/make-icons.mjs   (then commit the two PNG files)

import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const ACCENT = [0x00, 0x5a, 0xa0]; // the manifest's accentColor, #005AA0
const GREEN = [0x2e, 0x8b, 0x57];
const WHITE = [0xff, 0xff, 0xff];
const SUPERSAMPLE = 4;

// --- PNG encoder ---------------------------------------------------------------------------

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(4 + typeAndData.length + 4);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 4 + typeAndData.length);
  return out;
}

/** rgba: width*height*4 bytes, rows top to bottom. Colour type 6 (RGBA), 8 bits, no interlace. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None for every scanline
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- drawing -------------------------------------------------------------------------------

/** Point-in-shape tests in pixel coordinates (x, y are sample positions, not pixel indices). */
function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);
/** A plus sign centred on (cx, cy): arms `size` long in total, `bar` thick. */
function plus(cx, cy, size, bar) {
  return union(
    rect(cx - size / 2, cy - bar / 2, cx + size / 2, cy + bar / 2),
    rect(cx - bar / 2, cy - size / 2, cx + bar / 2, cy + size / 2),
  );
}

/** Fraction of the pixel's SUPERSAMPLE^2 sample points inside the shape. */
function coverage(shape, px, py) {
  let inside = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      if (shape(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE)) inside++;
    }
  }
  return inside / (SUPERSAMPLE * SUPERSAMPLE);
}

/**
 * Paints layers bottom to top. background: an opaque colour or null (transparent).
 * layers: [{ shape, color }]. Colours are blended by coverage ("over" with straight alpha).
 */
function paint(size, background, layers) {
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b] = background ?? [0, 0, 0];
      let a = background ? 1 : 0;
      for (const { shape, color } of layers) {
        const c = coverage(shape, px, py);
        if (c === 0) continue;
        const outA = c + a * (1 - c);
        r = (color[0] * c + r * a * (1 - c)) / outA;
        g = (color[1] * c + g * a * (1 - c)) / outA;
        b = (color[2] * c + b * a * (1 - c)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      out[i] = Math.round(r);
      out[i + 1] = Math.round(g);
      out[i + 2] = Math.round(b);
      out[i + 3] = Math.round(a * 255);
    }
  }
  return out;
}

// Colour icon: a white application form with text lines on the accent colour, and a green
// badge with a plus ("tillägg", something added) at its lower right corner.
function colorIcon() {
  const size = 192;
  const page = roundedRect(50, 32, 130, 150, 8);
  const lines = union(
    roundedRect(64, 54, 116, 62, 4),
    roundedRect(64, 74, 116, 82, 4),
    roundedRect(64, 94, 100, 102, 4),
  );
  const badgeRing = circle(132, 134, 32); // accent ring separating badge from the page
  const badge = circle(132, 134, 26);
  return paint(size, ACCENT, [
    { shape: page, color: WHITE },
    { shape: lines, color: ACCENT },
    { shape: badgeRing, color: ACCENT },
    { shape: badge, color: GREEN },
    { shape: plus(132, 134, 30, 8), color: WHITE },
  ]);
}

// Outline icon: the same form as a white outline, the plus badge cut out of its corner.
function outlineIcon() {
  const size = 32;
  const pageOutline = minus(roundedRect(5, 2, 23, 29, 2.5), roundedRect(7, 4, 21, 27, 1));
  const lines = union(rect(10, 8, 18, 10), rect(10, 12, 18, 14), rect(10, 16, 15, 18));
  const badgeHole = circle(23, 23, 8);
  const badge = minus(circle(23, 23, 6.5), plus(23, 23, 8, 2));
  const shape = union(minus(union(pageOutline, lines), badgeHole), badge);
  return paint(size, null, [{ shape, color: WHITE }]);
}

const here = new URL('./', import.meta.url);
writeFileSync(new URL('color.png', here), encodePng(192, 192, colorIcon()));
writeFileSync(new URL('outline.png', here), encodePng(32, 32, outlineIcon()));
console.log('wrote manifest/color.png (192x192) and manifest/outline.png (32x32)');
