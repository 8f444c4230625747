// Writes the example logos of examples/rencontres-franco-chinoises/logos/ (small PNGs drawn here, no one's
// real logo): a coloured badge with bars standing for a name. node scripts/make-logos.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'examples', 'rencontres-franco-chinoises', 'logos');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
}
/** An RGB PNG of w × h drawn by `pixel(x, y) → [r, g, b]`. */
function png(w, h, pixel) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) raw.set(pixel(x, y), y * (w * 3 + 1) + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const hex = (c) => [0, 2, 4].map((i) => parseInt(c.slice(i, i + 2), 16));
/** A round emblem on the left, two bars (a name) on the right. */
function logo(colour, accent) {
  const [fg, ac, white] = [hex(colour), hex(accent), [255, 255, 255]];
  return png(240, 80, (x, y) => {
    const d = Math.hypot(x - 40, y - 40);
    if (d < 30) return d < 14 ? white : fg;
    if (x >= 84 && x < 228 && y >= 22 && y < 36) return fg;
    if (x >= 84 && x < 180 && y >= 46 && y < 56) return ac;
    return white;
  });
}
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'cuf.png'), logo('1f4e79', '7fa7c9'));
writeFileSync(path.join(out, 'cpaffc.png'), logo('a02c2c', 'd98c8c'));
writeFileSync(path.join(out, 'daect.png'), logo('2e7d32', '8cc48f'));
console.log(`wrote 3 logos into ${path.relative(process.cwd(), out)}`);
