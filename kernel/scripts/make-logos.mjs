#!/usr/bin/env node
// Draws the kernel's logos (kernel/logo-32x32.png, kernel/logo-64x64.png) with a tiny PNG encoder: no dependencies.
// The picture: two bell curves drifting apart (white: reference, orange: current) on TypeScript blue.
// Run: node kernel/scripts/make-logos.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes RGBA pixels (`size`×`size`, row-major) as a PNG file. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const BLUE = [49, 120, 198];
const WHITE = [255, 255, 255];
const ORANGE = [255, 166, 48];

/** Colour and coverage of the unit-square point (x, y), y down. */
function sample(x, y) {
  const radius = 0.18;
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  if (dx * dx + dy * dy > radius * radius) return null; // outside the rounded square
  const baseline = 0.8;
  const bell = (centre) => baseline - 0.55 * Math.exp(-((x - centre) ** 2) / (2 * 0.1 ** 2));
  const stroke = 0.045;
  if (Math.abs(y - bell(0.62)) < stroke && x > 0.12 && x < 0.9) return ORANGE;
  if (Math.abs(y - bell(0.38)) < stroke && x > 0.1 && x < 0.88) return WHITE;
  if (Math.abs(y - (baseline + 0.06)) < stroke * 0.6 && x > 0.12 && x < 0.88) return WHITE;
  return BLUE;
}

function draw(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const grid = 4; // 4×4 supersampling for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const colour = sample((px + (sx + 0.5) / grid) / size, (py + (sy + 0.5) / grid) / size);
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        pixels[offset] = Math.round(r / a);
        pixels[offset + 1] = Math.round(g / a);
        pixels[offset + 2] = Math.round(b / a);
      }
      pixels[offset + 3] = Math.round((255 * a) / (grid * grid));
    }
  }
  return pixels;
}

for (const size of [32, 64]) {
  const file = new URL(`../logo-${size}x${size}.png`, import.meta.url);
  writeFileSync(file, encodePng(size, draw(size)));
  console.log(`wrote ${file.pathname}`);
}
