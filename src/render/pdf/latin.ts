/**
 * Latin text without fontkit's OpenType shaping. For each DejaVu face, `npm run build` lays out
 * with fontkit every character of a Latin set and every pair of them, and keeps what came out:
 * each character's glyph and advance, and each pair's kerning (pair positioning adds to the
 * advances of the two glyphs, whatever surrounds them). A word made only of those characters,
 * with at least one Latin letter (so that fontkit would shape it as Latin), is then laid out
 * from the table: the same glyphs and the same advances as fontkit's, in the same font units,
 * and fontkit's GSUB and GPOS tables are never parsed for it. Characters that take part in a
 * substitution (f, which starts the fi, fl, ff… ligatures) or in a positioning other than
 * pair kerning are left out of the set: a word with one of them is shaped by fontkit.
 *
 * The table is checked against fontkit when it is made (thousands of random words compared
 * glyph by glyph) and by test/latin.test.ts; it is used only for the font file it was made
 * from (same size and glyph count).
 */
import type { FontkitFont } from './pdfkit-internals.js';

/** The characters a table may cover: ASCII, Latin-1, œ Œ Ÿ € and the usual punctuation. */
export const LATIN_CHARACTERS = (() => {
  let s = '';
  for (let c = 0x20; c < 0x7f; c++) s += String.fromCharCode(c);
  for (let c = 0xa0; c <= 0xff; c++) s += String.fromCharCode(c);
  return s + 'œŒŸ€‘’‚“”„–—…•‹›\u2009\u202f\u2011\u2010';
})();

/** What a table is made of (JSON: written at build time, read at run time). */
export interface LatinMetrics {
  /** The font file the table was made from: its size in bytes and its glyph count. */
  bytes: number;
  numGlyphs: number;
  /** The characters covered, and for each its glyph id and advance (font units). */
  chars: string;
  glyphs: number[];
  advances: number[];
  /** Kerning: [first, second, extra advance of the first, extra advance of the second], indices into `chars`. */
  kerning: number[][];
  /** Why the table is empty, when the check against fontkit failed. */
  problem?: string;
}

/** A word laid out from the table: glyph ids and advances in font units. */
export interface LatinLayout {
  glyphs: number[];
  codePoints: number[];
  advances: number[];
}

/** A Latin letter: what makes fontkit shape a word as Latin (the rest of the set is Common script). */
function isLatinLetter(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0xaa ||
    code === 0xba ||
    (code >= 0xc0 && code <= 0xff && code !== 0xd7 && code !== 0xf7) ||
    code === 0x152 ||
    code === 0x153 ||
    code === 0x178
  );
}

/**
 * The table of `font` (parsed from a file of `bytes` bytes), made with fontkit's own layout.
 * When a sample of words laid out from it differs from fontkit's layout, the table is empty
 * (with the `problem`): every word is then shaped by fontkit.
 */
export function computeLatinMetrics(font: FontkitFont, bytes: number): LatinMetrics {
  const layout = font.layout.bind(font);
  const single = new Map<string, { id: number; advance: number }>();
  for (const ch of LATIN_CHARACTERS) {
    const r = layout(ch, undefined, 'latn');
    const p = r.positions[0];
    if (r.glyphs.length !== 1 || r.glyphs[0].id === 0 || p.xOffset || p.yOffset || p.yAdvance) continue;
    single.set(ch, { id: r.glyphs[0].id, advance: p.xAdvance });
  }
  // A character whose pairs change glyphs, or move them otherwise than by their advance, is left out.
  const excluded = new Set<string>();
  const pairs: Array<[string, string, number, number]> = [];
  for (const [a, sa] of single) {
    for (const [b, sb] of single) {
      const r = layout(a + b, undefined, 'latn');
      if (r.glyphs.length !== 2 || r.glyphs[0].id !== sa.id || r.glyphs[1].id !== sb.id) {
        // A substitution starts at the first glyph (f of fi); the words checked below catch any other.
        excluded.add(a);
        continue;
      }
      const [p, q] = r.positions;
      if (p.xOffset || p.yOffset || p.yAdvance || q.xOffset || q.yOffset || q.yAdvance) {
        excluded.add(a).add(b);
        continue;
      }
      if (p.xAdvance !== sa.advance || q.xAdvance !== sb.advance) pairs.push([a, b, p.xAdvance - sa.advance, q.xAdvance - sb.advance]);
    }
  }
  const chars = [...single.keys()].filter((c) => !excluded.has(c));
  const index = new Map(chars.map((c, i) => [c, i]));
  const metrics: LatinMetrics = {
    bytes,
    numGlyphs: font.numGlyphs,
    chars: chars.join(''),
    glyphs: chars.map((c) => single.get(c)!.id),
    advances: chars.map((c) => single.get(c)!.advance),
    kerning: pairs.filter(([a, b]) => index.has(a) && index.has(b)).map(([a, b, da, db]) => [index.get(a)!, index.get(b)!, da, db]),
  };
  // Longer words: pair kerning must add up as fontkit applies it (a contextual rule would not).
  const table = new LatinTable(metrics);
  let seed = 1;
  const random = () => ((seed = (seed * 48271) % 0x7fffffff) / 0x7fffffff) * chars.length;
  for (let n = 0; n < 4000; n++) {
    let word = 'a';
    for (let k = 1 + (n % 12); k > 0; k--) word += chars[Math.floor(random())];
    const mine = table.layout(word);
    if (!mine) continue;
    const theirs = layout(word);
    const same =
      theirs.glyphs.length === mine.glyphs.length &&
      theirs.glyphs.every((g, i) => g.id === mine.glyphs[i]) &&
      theirs.positions.every((p, i) => p.xAdvance === mine.advances[i] && !p.xOffset && !p.yOffset && !p.yAdvance);
    // Not what fontkit does (another version of the font?): no table, every word to fontkit.
    if (!same)
      return { ...metrics, chars: '', glyphs: [], advances: [], kerning: [], problem: `${JSON.stringify(word)} is not laid out as fontkit lays it out` };
  }
  return metrics;
}

/** A table ready for use. */
export class LatinTable {
  private readonly index = new Map<number, number>();
  private readonly kerning = new Map<number, [number, number]>();

  constructor(private readonly m: LatinMetrics) {
    for (let i = 0; i < m.chars.length; i++) this.index.set(m.chars.charCodeAt(i), i);
    for (const [a, b, da, db] of m.kerning) this.kerning.set(a * 65536 + b, [da, db]);
  }

  /** Whether the table was made from this font file. */
  fits(font: FontkitFont, bytes: number): boolean {
    return this.m.bytes === bytes && this.m.numGlyphs === font.numGlyphs;
  }

  /** `text` laid out from the table, or null when fontkit must shape it. */
  layout(text: string): LatinLayout | null {
    const n = text.length;
    const idx = new Array<number>(n);
    let latin = false;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      const k = this.index.get(code);
      if (k === undefined) return null;
      idx[i] = k;
      if (!latin && isLatinLetter(code)) latin = true;
    }
    if (!latin) return null;
    const glyphs = new Array<number>(n);
    const advances = new Array<number>(n);
    const codePoints = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      glyphs[i] = this.m.glyphs[idx[i]];
      advances[i] = this.m.advances[idx[i]];
      codePoints[i] = text.charCodeAt(i);
    }
    for (let i = 0; i + 1 < n; i++) {
      const k = this.kerning.get(idx[i] * 65536 + idx[i + 1]);
      if (k) {
        advances[i] += k[0];
        advances[i + 1] += k[1];
      }
    }
    return { glyphs, codePoints, advances };
  }
}
