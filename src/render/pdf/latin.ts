/**
 * Latin text without fontkit's OpenType shaping. For each DejaVu face, `npm run build` lays out
 * with fontkit every character of a Latin set and every pair of them, and keeps what came out:
 * each character's glyph and advance, and each pair's kerning (pair positioning adds to the
 * advances of the two glyphs, whatever surrounds them). A word made only of those characters,
 * with at least one Latin letter (so that fontkit would shape it as Latin), is then laid out
 * from the table: the same glyphs and the same advances as fontkit's, in the same font units,
 * and fontkit's GSUB and GPOS tables are never parsed for it. The f ligatures (ff, fi, fl, ffi,
 * ffl) are units of the table, with the characters they stand for; characters that take part in
 * another substitution or in a positioning other than pair kerning are left out of the set: a
 * word with one of them is shaped by fontkit.
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

/** The layout of `LatinMetrics`: a table written by another version of coop is not used. */
export const LATIN_FORMAT = 2;

/** What a table is made of (JSON: written at build time, read at run time). */
export interface LatinMetrics {
  format: number;
  /** The font file the table was made from: its size in bytes and its glyph count. */
  bytes: number;
  numGlyphs: number;
  /** The characters covered, and for each its glyph id and advance (font units). */
  chars: string;
  glyphs: number[];
  advances: number[];
  /** Ligatures (fi, ffl…): the characters each stands for, its glyph and its advance; units `chars.length + i`. */
  ligatures: Array<[string, number, number]>;
  /** Kerning: [first, second, extra advance of the first, extra advance of the second], units (characters, then ligatures). */
  kerning: number[][];
  /** Why the table is empty, when the check against fontkit failed. */
  problem?: string;
}

/** A word laid out from the table: glyph ids, the characters of each, advances in font units. */
export interface LatinLayout {
  glyphs: number[];
  codePoints: number[][];
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

const EMPTY = { chars: '', glyphs: [], advances: [], ligatures: [], kerning: [] };

/**
 * The table of `font` (parsed from a file of `bytes` bytes), made with fontkit's own layout.
 * When a sample of words laid out from it differs from fontkit's layout, the table is empty
 * (with the `problem`): every word is then shaped by fontkit.
 */
export function computeLatinMetrics(font: FontkitFont, bytes: number): LatinMetrics {
  const layout = (text: string) => font.layout(text, undefined, 'latn');
  const plain = (r: ReturnType<typeof layout>) => r.positions.every((p) => !p.xOffset && !p.yOffset && !p.yAdvance);
  const single = new Map<string, { id: number; advance: number }>();
  for (const ch of LATIN_CHARACTERS) {
    const r = layout(ch);
    if (r.glyphs.length !== 1 || r.glyphs[0].id === 0 || !plain(r)) continue;
    single.set(ch, { id: r.glyphs[0].id, advance: r.positions[0].xAdvance });
  }
  // Ligatures of two characters, then of a ligature and a third (ff + i): fontkit's GSUB makes them.
  const ligatures = new Map<string, { id: number; advance: number }>();
  const excluded = new Set<string>();
  const pairs = new Map<string, ReturnType<typeof layout>>();
  for (const a of single.keys()) {
    for (const b of single.keys()) {
      const r = layout(a + b);
      pairs.set(a + b, r);
      if (r.glyphs.length === 1 && plain(r)) ligatures.set(a + b, { id: r.glyphs[0].id, advance: r.positions[0].xAdvance });
      else if (r.glyphs.length !== 2 || r.glyphs[0].id !== single.get(a)!.id || r.glyphs[1].id !== single.get(b)!.id || !plain(r)) excluded.add(a).add(b);
    }
  }
  for (const l of [...ligatures.keys()]) {
    for (const c of single.keys()) {
      const r = layout(l + c);
      if (r.glyphs.length === 1 && plain(r)) ligatures.set(l + c, { id: r.glyphs[0].id, advance: r.positions[0].xAdvance });
    }
  }
  const chars = [...single.keys()].filter((c) => !excluded.has(c));
  const ligs = [...ligatures].filter(([text]) => [...text].every((c) => !excluded.has(c)));
  const shell: LatinMetrics = {
    format: LATIN_FORMAT,
    bytes,
    numGlyphs: font.numGlyphs,
    chars: chars.join(''),
    glyphs: chars.map((c) => single.get(c)!.id),
    advances: chars.map((c) => single.get(c)!.advance),
    ligatures: ligs.map(([text, g]) => [text, g.id, g.advance]),
    kerning: [],
  };
  // Kerning of every pair of units the table cuts a word into (a pair fontkit would cut otherwise is never met).
  const cutter = new LatinTable(shell);
  const units = [...chars, ...ligs.map(([text]) => text)];
  const unitOf = new Map(units.map((u, i) => [u, i]));
  for (const u of units) {
    for (const v of units) {
      const cut = cutter.units(u + v);
      if (!cut || cut.length !== 2 || cut[0] !== unitOf.get(u) || cut[1] !== unitOf.get(v)) continue;
      const r = pairs.get(u + v) ?? layout(u + v);
      const [gu, gv] = [cut[0], cut[1]].map((k) => (k < chars.length ? shell.glyphs[k] : shell.ligatures[k - chars.length][1]));
      if (r.glyphs.length !== 2 || r.glyphs[0].id !== gu || r.glyphs[1].id !== gv || !plain(r)) {
        return { ...shell, ...EMPTY, problem: `${JSON.stringify(u + v)} is not two glyphs for fontkit` };
      }
      const du = r.positions[0].xAdvance - cutter.advanceOf(cut[0]);
      const dv = r.positions[1].xAdvance - cutter.advanceOf(cut[1]);
      if (du || dv) shell.kerning.push([cut[0], cut[1], du, dv]);
    }
  }
  // Longer words: pair kerning must add up as fontkit applies it (a contextual rule would not),
  // ligatures must be cut as fontkit makes them. Half the words from a few letters with f's.
  const table = new LatinTable(shell);
  const few = [...'ffilatAVTo’.,'].filter((c) => chars.includes(c));
  let seed = 1;
  const random = (n: number) => Math.floor(((seed = (seed * 48271) % 0x7fffffff) / 0x7fffffff) * n);
  for (let n = 0; n < 6000; n++) {
    const alphabet = n % 2 ? chars : few;
    let word = 'a';
    for (let k = 1 + (n % 12); k > 0; k--) word += alphabet[random(alphabet.length)];
    const mine = table.layout(word);
    if (!mine) continue;
    const theirs = font.layout(word);
    const same =
      theirs.glyphs.length === mine.glyphs.length &&
      theirs.glyphs.every((g, i) => g.id === mine.glyphs[i]) &&
      theirs.positions.every((p, i) => p.xAdvance === mine.advances[i] && !p.xOffset && !p.yOffset && !p.yAdvance);
    // Not what fontkit does (another version of the font?): no table, every word to fontkit.
    if (!same) return { ...shell, ...EMPTY, problem: `${JSON.stringify(word)} is not laid out as fontkit lays it out` };
  }
  return shell;
}

/** A table ready for use. */
export class LatinTable {
  private readonly index = new Map<number, number>();
  /** Ligatures by their first character, longest first: [text, unit]. */
  private readonly ligatures = new Map<number, Array<[string, number]>>();
  private readonly kerning = new Map<number, [number, number]>();

  constructor(private readonly m: LatinMetrics) {
    for (let i = 0; i < m.chars.length; i++) this.index.set(m.chars.charCodeAt(i), i);
    m.ligatures.forEach(([text], i) => {
      const first = text.charCodeAt(0);
      const list = this.ligatures.get(first) ?? [];
      list.push([text, m.chars.length + i]);
      list.sort((a, b) => b[0].length - a[0].length);
      this.ligatures.set(first, list);
    });
    for (const [a, b, da, db] of m.kerning) this.kerning.set(a * 65536 + b, [da, db]);
  }

  /** Whether the table was made from this font file. */
  fits(font: FontkitFont, bytes: number): boolean {
    return this.m.bytes === bytes && this.m.numGlyphs === font.numGlyphs;
  }

  advanceOf(unit: number): number {
    return unit < this.m.chars.length ? this.m.advances[unit] : this.m.ligatures[unit - this.m.chars.length][2];
  }

  private glyphOf(unit: number): number {
    return unit < this.m.chars.length ? this.m.glyphs[unit] : this.m.ligatures[unit - this.m.chars.length][1];
  }

  /** `text` cut into units (characters, ligatures: the longest that starts at each place), or null when a character is not in the table. */
  units(text: string): number[] | null {
    const out: number[] = [];
    for (let i = 0; i < text.length;) {
      const code = text.charCodeAt(i);
      const ligs = this.ligatures.get(code);
      const lig = ligs?.find(([l]) => text.startsWith(l, i));
      if (lig) {
        out.push(lig[1]);
        i += lig[0].length;
        continue;
      }
      const k = this.index.get(code);
      if (k === undefined) return null;
      out.push(k);
      i++;
    }
    return out;
  }

  /** `text` laid out from the table, or null when fontkit must shape it. */
  layout(text: string): LatinLayout | null {
    let latin = false;
    for (let i = 0; i < text.length && !latin; i++) latin = isLatinLetter(text.charCodeAt(i));
    if (!latin) return null;
    const units = this.units(text);
    if (!units) return null;
    const n = units.length;
    const glyphs = new Array<number>(n);
    const advances = new Array<number>(n);
    const codePoints = new Array<number[]>(n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const u = units[i];
      glyphs[i] = this.glyphOf(u);
      advances[i] = this.advanceOf(u);
      const length = u < this.m.chars.length ? 1 : this.m.ligatures[u - this.m.chars.length][0].length;
      codePoints[i] = [];
      for (let k = 0; k < length; k++) codePoints[i].push(text.charCodeAt(at + k));
      at += length;
    }
    for (let i = 0; i + 1 < n; i++) {
      const k = this.kerning.get(units[i] * 65536 + units[i + 1]);
      if (k) {
        advances[i] += k[0];
        advances[i + 1] += k[1];
      }
    }
    return { glyphs, codePoints, advances };
  }
}
