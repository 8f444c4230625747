/**
 * Latin words laid out from the build's table (latin.ts) instead of fontkit's shaping: the
 * same glyphs and the same advances as fontkit's, for every word of the examples and for
 * typographic samples, in each of the four faces.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontFiles, latinMetricsFile, shape, type FontKey } from '../src/render/pdf/fonts.js';
import { computeLatinMetrics, LatinTable, type LatinMetrics } from '../src/render/pdf/latin.js';
import { parseFont } from '../src/render/pdf/pdfkit-internals.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const f = path.join(dir, e);
    return statSync(f).isDirectory() ? files(f) : /\.(ya?ml|md|csv)$/.test(e) ? [f] : [];
  });
}

const examples = path.join(import.meta.dirname, '..', 'examples');
const words = [
  ...new Set([
    ...files(examples).flatMap((f) => readFileSync(f, 'utf8').split(/[\s]+/)),
    ...'« Quelles synergies ? » : oui ; non ! l’été, L’ÉTÉ… AVATAR, Tôt, WAVE, Yves, T.V.A., 14 h 30 – 16 h, 1 200 €, œuvre, Œuvre, Ÿ, «Ça»'.split(' '),
  ]),
].filter((w) => w !== '');

/**
 * Each face's table for the tests below. The regular face's is computed here, from the font,
 * by computeLatinMetrics (the code under test; about 1.5 s a face); the other faces' are the
 * tables the build wrote (dist/latin-metrics.json), which are what coop lays out with, and are
 * computed here only where there is no build. The test below checks that the build wrote what
 * computeLatinMetrics gives.
 */
const shipped = existsSync(latinMetricsFile) ? (JSON.parse(readFileSync(latinMetricsFile, 'utf8')) as Partial<Record<FontKey, LatinMetrics>>) : {};
const made = new Map<FontKey, { font: ReturnType<typeof parseFont>; bytes: number; metrics: LatinMetrics }>();
function tableOf(key: FontKey) {
  let m = made.get(key);
  if (!m) {
    const bytes = readFileSync(fontFiles[key]);
    const font = parseFont(bytes);
    const metrics = key !== 'regular' && shipped[key] ? shipped[key] : computeLatinMetrics(font, bytes.length);
    made.set(key, (m = { font, bytes: bytes.length, metrics }));
  }
  return m;
}

type Layout = { glyphs: Array<{ id: number }>; positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }> };

describe('Latin words laid out from the table', () => {
  for (const key of Object.keys(fontFiles) as FontKey[]) {
    it(`${key}: same glyphs and advances as fontkit for every word of the examples`, { timeout: 60_000 }, () => {
      const { font, bytes, metrics } = tableOf(key);
      expect(metrics.problem).toBeUndefined();
      const table = new LatinTable(metrics);
      expect(table.fits(font, bytes)).toBe(true);
      let laid = 0;
      // The differences gathered, then asserted once: an expect per glyph was most of this test's time.
      const differences: string[] = [];
      for (const word of words) {
        const mine = table.layout(word);
        if (!mine) continue;
        laid++;
        const theirs = font.layout(word) as unknown as Layout;
        const glyphs = theirs.glyphs.map((g) => g.id).join(',');
        if (mine.glyphs.join(',') !== glyphs) differences.push(`${word}: glyphs ${mine.glyphs.join(',')} instead of ${glyphs}`);
        theirs.positions.forEach((p, i) => {
          if (!(Math.abs(p.xAdvance - mine.advances[i]) < 1e-6)) differences.push(`${word}: advance ${i} ${mine.advances[i]} instead of ${p.xAdvance}`);
          if (p.xOffset !== 0 || p.yOffset !== 0 || p.yAdvance !== 0) differences.push(`${word}: glyph ${i} offset by fontkit`);
        });
      }
      expect(differences).toEqual([]);
      // Most words go through the table (numbers alone and other scripts do not).
      expect(laid / words.length).toBeGreaterThan(0.6);
      // Ligatures are in it, with the characters they stand for (what copy-paste gives).
      const office = table.layout('office')!;
      expect(office.codePoints.map((c) => String.fromCharCode(...c))).toEqual(['o', 'ffi', 'c', 'e']);
      // Kerning is in it: AV is kerned in every face.
      const av = table.layout('AV')!;
      expect(av.advances[0]).toBeLessThan(table.layout('A')!.advances[0]);
    });
  }

  it.skipIf(!shipped.regular)('the build wrote the table computeLatinMetrics gives (dist/latin-metrics.json; npm run build rewrites it)', () => {
    expect(JSON.parse(JSON.stringify(tableOf('regular').metrics))).toEqual(shipped.regular);
  });

  it('refuses what fontkit must shape: no Latin letter, another script, a character outside the set', () => {
    const { font, bytes, metrics } = tableOf('regular');
    const table = new LatinTable(metrics);
    for (const w of ['2026', '…', 'Москва', 'a\u0301', 'a\u200bb']) expect(table.layout(w)).toBeNull();
    expect(table.fits(font, bytes + 1)).toBe(false);
  });

  it('shape() gives fontkit’s glyphs and positions (table or not), in thousandths of an em', () => {
    for (const key of ['regular', 'bolditalic'] as const) {
      const font = parseFont(readFileSync(fontFiles[key]));
      const scale = 1000 / font.unitsPerEm;
      for (const word of words.slice(0, 400)) {
        const s = shape(key, word);
        const theirs = font.layout(word) as unknown as Layout;
        expect(s.glyphs.map((g) => g.id)).toEqual(theirs.glyphs.map((g) => g.id));
        s.positions.forEach((p, i) => expect(Math.abs(p.xAdvance - theirs.positions[i].xAdvance * scale)).toBeLessThan(1e-6));
      }
    }
  });
});
