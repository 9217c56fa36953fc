/**
 * Draws the app icons in code (no image tools needed) into public/icons/:
 * icon.svg, icon-192.png, icon-512.png (rounded, transparent corners) and icon-maskable-512.png (full bleed, motif
 * inside the 80 % safe zone). The motif: a scan (white ring) with a region of interest (green disc).
 * Run: npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = fileURLToPath(new URL('../public/icons/', import.meta.url));
const BACKGROUND = [0x35, 0x50, 0x70];
const RING = [0xff, 0xff, 0xff];
const ROI = [0x5f, 0xd0, 0x8a];

/** Shapes in units of the icon's side (0..1); `scale` shrinks the motif for the maskable safe zone. */
function shapes(rounded: boolean, scale: number) {
  const c = (v: number) => 0.5 + (v - 0.5) * scale;
  return {
    inBackground(x: number, y: number): boolean {
      if (!rounded) return true;
      const r = 0.1875;
      const dx = Math.max(r - x, 0, x - (1 - r));
      const dy = Math.max(r - y, 0, y - (1 - r));
      return dx * dx + dy * dy <= r * r;
    },
    inRing(x: number, y: number): boolean {
      const d = Math.hypot(x - 0.5, y - 0.5);
      return Math.abs(d - 0.32 * scale) <= 0.03125 * scale;
    },
    inRoi(x: number, y: number): boolean {
      return Math.hypot(x - c(0.586), y - c(0.43)) <= 0.125 * scale;
    },
  };
}

/** RGBA pixels, 4x4 supersampled for smooth edges. */
function render(size: number, rounded: boolean, scale: number): Uint8Array {
  const s = shapes(rounded, scale);
  const px = new Uint8Array(size * size * 4);
  const n = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sj = 0; sj < n; sj++) {
        for (let si = 0; si < n; si++) {
          const x = (i + (si + 0.5) / n) / size;
          const y = (j + (sj + 0.5) / n) / size;
          if (!s.inBackground(x, y)) continue;
          const colour = s.inRoi(x, y) ? ROI : s.inRing(x, y) ? RING : BACKGROUND;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const o = 4 * (j * size + i);
      if (a > 0) {
        px[o] = Math.round(r / a);
        px[o + 1] = Math.round(g / a);
        px[o + 2] = Math.round(b / a);
      }
      px[o + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A minimal PNG: 8-bit RGBA, filter 0 on every row. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (4 * size + 1));
  for (let j = 0; j < size; j++) raw.set(rgba.subarray(4 * size * j, 4 * size * (j + 1)), j * (4 * size + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

const hex = (c: number[]) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <title>WebRadiomics</title>
  <rect width="512" height="512" rx="96" fill="${hex(BACKGROUND)}"/>
  <circle cx="256" cy="256" r="164" fill="none" stroke="${hex(RING)}" stroke-width="32"/>
  <circle cx="300" cy="220" r="64" fill="${hex(ROI)}"/>
</svg>
`;

mkdirSync(OUT, { recursive: true });
writeFileSync(path.join(OUT, 'icon.svg'), SVG);
for (const size of [192, 512]) writeFileSync(path.join(OUT, `icon-${size}.png`), encodePng(size, render(size, true, 1)));
writeFileSync(path.join(OUT, 'icon-maskable-512.png'), encodePng(512, render(512, false, 0.8)));
console.log(`icons written to ${OUT}`);
