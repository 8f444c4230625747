/**
 * Scripts the Latin font cannot draw, for pdfkit, which has neither font fallback nor
 * right-to-left support (pdfkit 0.20: a glyph missing from the font is an empty box, and
 * Arabic words come out in logical order):
 *
 * 1. Font fallback. `splitRuns` cuts a styled run into sub-runs by which bundled font has the
 *    glyphs: DejaVu Sans Condensed (Latin, Greek, Cyrillic, Hebrew, symbols), Noto Sans SC
 *    (Han, kana, CJK punctuation, full-width forms), Noto Sans Arabic. The choice is made from
 *    Unicode ranges; `hasGlyph` checks a font's real cmap and, passed to `splitRuns` (as the
 *    engine does), turns a character the chosen font lacks into U+FFFD instead of a box.
 *
 * 2. Bidi. fontkit shapes each word it is given (joining forms, lam-alef) and, for an RTL
 *    script, reverses its glyphs: one Arabic word comes out right, but the words of a phrase
 *    would come out in logical order, brackets unmirrored, Arabic-Indic digits reversed. The
 *    line layout (lines.ts) therefore breaks a paragraph in logical order, then runs the
 *    Unicode bidi algorithm (bidi-js) over the paragraph and orders each line visually
 *    (UAX #9 rule L2) with `visualPieces`, which mirrors brackets and cuts the line into pieces
 *    each safe to hand to fontkit: an RTL word in logical order (fontkit shapes it, then
 *    reverses it), everything else in visual order.
 */
import bidiModule, { type Bidi, type EmbeddingLevels } from 'bidi-js';
import { fallbackFonts, isFontName, parsedFont, type FallbackFont, type FontKey, type FontName } from './fonts.js';

// ---------------------------------------------------------------------------------------------
// Fonts

export type Family = 'latin' | 'cjk' | 'arabic';
export { fallbackFonts, type FallbackFont };

/** The font name for a family in a style ('regular' … for Latin, 'cjk-bold' …). */
export function fontName(family: Family, style: FontKey): FontName {
  if (family === 'latin') return style;
  const bold = style === 'bold' || style === 'bolditalic';
  return bold ? `${family}-bold` : family;
}

/** The family of a font name produced by `fontName`. */
export function familyOfFont(font: string): Family {
  if (font === 'cjk' || font === 'cjk-bold') return 'cjk';
  if (font === 'arabic' || font === 'arabic-bold') return 'arabic';
  return 'latin';
}

/**
 * Whether the font `font` has a glyph for `codePoint`, read from its cmap (the font is parsed
 * once per process, on first use: asking about 'cjk' reads the 10 MB file, so only ask when a
 * CJK character is present).
 */
export function hasGlyph(font: string, codePoint: number): boolean {
  if (!isFontName(font)) throw new Error(`unknown font ${font}`);
  return parsedFont(font).hasGlyphForCodePoint(codePoint);
}

// ---------------------------------------------------------------------------------------------
// Which font draws which character

type Range = readonly [number, number];

const inRanges = (cp: number, ranges: readonly Range[]): boolean => ranges.some(([a, b]) => cp >= a && cp <= b);

/** Arabic script blocks; all of them are in Noto Sans Arabic (presentation forms: 631/688). */
const ARABIC: readonly Range[] = [
  [0x0600, 0x06ff],
  [0x0750, 0x077f],
  [0x08a0, 0x08ff],
  [0xfb50, 0xfdff],
  [0xfe70, 0xfefe],
];

/**
 * Han, kana, CJK punctuation and full-width forms. Coverage by Noto Sans SC, measured with
 * fontkit: punctuation, kana, full-width forms, U+4E00–9FEF and Extension A complete; the
 * compatibility ideographs (122/512) and the supplementary planes (Extension B…: 54 characters)
 * only in part, so rare characters there print as an empty box unless `has` is given.
 */
const CJK: readonly Range[] = [
  [0x2e80, 0x2fdf], // radicals
  [0x3000, 0x303f], // CJK symbols and punctuation (。、「」 ideographic space)
  [0x3040, 0x30ff], // hiragana, katakana
  [0x3100, 0x312f], // bopomofo
  [0x31c0, 0x31ff], // strokes, katakana extension
  [0x3200, 0x33ff], // enclosed letters, compatibility (㈱ ㎡)
  [0x3400, 0x4dbf], // Extension A
  [0x4e00, 0x9fff], // unified ideographs
  [0xf900, 0xfaff], // compatibility ideographs
  [0xfe10, 0xfe1f], // vertical forms
  [0xfe30, 0xfe4f], // compatibility forms
  [0xff00, 0xff9f], // full-width ASCII, half-width katakana
  [0xffe0, 0xffef], // full-width signs
  [0x20000, 0x2fa1f], // supplementary ideographs
];

/**
 * Scripts none of the bundled fonts has: Hangul (Noto Sans SC has no Hangul syllables),
 * Indic, Thai/Lao, Tibetan, Myanmar, Ethiopic, Khmer, emoji. They would print as empty boxes;
 * they print as U+FFFD instead and `unsupportedChars` lists them for a diagnostic.
 */
const UNSUPPORTED: readonly Range[] = [
  [0x0900, 0x0dff],
  [0x0e00, 0x0eff],
  [0x0f00, 0x0fff],
  [0x1000, 0x109f],
  [0x1100, 0x11ff],
  [0x1200, 0x139f],
  [0x1780, 0x17ff],
  [0x3130, 0x318f],
  [0xa960, 0xa97f],
  [0xac00, 0xd7ff],
  [0xffa0, 0xffdf],
  [0x1f000, 0x1faff],
];

/** Arabic characters DejaVu Sans Condensed has in both regular and bold (read with fontkit). */
const DEJAVU_ARABIC: readonly Range[] = [
  [0x606, 0x607],
  [0x609, 0x60a],
  [0x60c, 0x60c],
  [0x615, 0x615],
  [0x61b, 0x61b],
  [0x61f, 0x61f],
  [0x621, 0x63a],
  [0x640, 0x655],
  [0x657, 0x657],
  [0x65a, 0x65a],
  [0x660, 0x670],
  [0x674, 0x674],
  [0x679, 0x6bf],
  [0x6c6, 0x6c8],
  [0x6cb, 0x6cc],
  [0x6ce, 0x6ce],
  [0x6d0, 0x6d0],
  [0x6d5, 0x6d5],
  [0x6f0, 0x6f9],
];

/** What is printed for a character no bundled font has (DejaVu has U+FFFD). */
export const MISSING = '\uFFFD';

/**
 * Characters every bundled font has (checked with `hasGlyph`: the three fonts cover all of
 * ASCII) and that therefore stay in the surrounding run: spaces, digits, ASCII punctuation,
 * and the invisible format characters (ZWJ/ZWNJ, marks, bidi controls) that fontkit hides.
 */
function isNeutral(cp: number): boolean {
  return (
    (cp >= 0x20 && cp <= 0x40) || // space ! " # … 0-9 : ; < = > ? @
    (cp >= 0x5b && cp <= 0x60) ||
    (cp >= 0x7b && cp <= 0x7e) ||
    cp === 0xa0 ||
    cp === 0x0a ||
    cp === 0xad ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0xfeff
  );
}

/** The family that draws a code point; `null` for a neutral character, 'none' when no font has it. */
export function familyOf(cp: number): Family | null | 'none' {
  if (isNeutral(cp)) return null;
  if (inRanges(cp, ARABIC)) return 'arabic';
  if (inRanges(cp, CJK)) return 'cjk';
  if (inRanges(cp, UNSUPPORTED)) return 'none';
  return 'latin';
}

/** Distinct characters of `text` that no bundled font draws (for a warning). */
export function unsupportedChars(text: string): string[] {
  return [...new Set([...text].filter((ch) => familyOf(ch.codePointAt(0) ?? 0) === 'none'))];
}

const LETTER = /\p{L}/u;
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

// bidi-js's .d.ts declares an ES default export, but the package is CommonJS
// (`module.exports = factory`): under NodeNext TypeScript types the default import as the
// namespace while Node hands over the factory itself. Accept both shapes.
type BidiFactory = () => Bidi;
const bidiExport: unknown = bidiModule;
const bidiFactory: BidiFactory = typeof bidiExport === 'function' ? (bidiExport as BidiFactory) : (bidiExport as { default: BidiFactory }).default;

let bidiInstance: Bidi | undefined;
/** bidi-js builds its tables on first use (~15 ms): only when a paragraph needs it. */
function bidi(): Bidi {
  bidiInstance ??= bidiFactory();
  return bidiInstance;
}

/**
 * Strong direction of a character: 'R' for a letter of a right-to-left script, 'L' for any
 * other letter, null otherwise (digits, punctuation, marks: weak or neutral for the bidi
 * algorithm). A regex rather than bidi-js, so a French document never initialises bidi-js.
 */
function strong(ch: string): 'L' | 'R' | null {
  if (ch === '\u200f' || ch === '\u061c') return 'R';
  if (ch === '\u200e') return 'L';
  if (!LETTER.test(ch)) return null;
  return RTL_SCRIPT.test(ch) ? 'R' : 'L';
}

/** Latin, Latin-1, Latin Extended, IPA, spacing modifiers, combining marks, Greek, Cyrillic, general punctuation, currency, letterlike, arrows, box drawing, geometric shapes and miscellaneous symbols (☐ ☑ ★): all in DejaVu, none right-to-left. */
const LATIN_ONLY = /^[\u0000-\u0590\u1E00-\u1FFF\u2000-\u200E\u2010-\u2027\u202A-\u27BF]*$/;

export interface SplitOptions {
  /**
   * Font for Arabic words. 'noto' (default): Noto Sans Arabic. 'dejavu': DejaVu Sans Condensed
   * (the Latin font) for every word it fully covers (Arabic, Persian and most Urdu letters),
   * Noto for the rest. Why offer it: Noto Sans Arabic splits the dots off its letters (`ccmp`)
   * and shares one dotless glyph between ب ت ث ن ي…; pdfkit's ToUnicode maps each glyph to the
   * first character it drew, so text copied or extracted from the PDF comes back with wrong
   * letters (ممثلي → ممت.لي) and stray control characters. DejaVu draws each letter form as
   * its own glyph, so extraction is exact; the shapes are simpler.
   */
  arabicFont?: 'noto' | 'dejavu';
  /**
   * Exact glyph check (e.g. `hasGlyph`): a character the chosen font lacks prints as U+FFFD
   * instead of an empty box. Without it the choice relies on the Unicode ranges only.
   */
  has?: (font: string, codePoint: number) => boolean;
}

/** A run after `splitRuns`: `font` is now a pdfkit font name, `style` the original FontKey. */
export type ScriptRun<R extends { text: string; font: FontKey }> = Omit<R, 'font'> & {
  font: FontName;
  style: FontKey;
  family: Family;
  /** The run contains right-to-left letters (Arabic, Hebrew). */
  rtl: boolean;
};

/**
 * Split a run into sub-runs by font family (and, within the Latin font, by strong direction,
 * so Hebrew is its own run). Neutral characters (spaces, digits, ASCII punctuation) stay with
 * the run before them, or the one after at the start: "中文 abc" gives "中文 " + "abc".
 * Characters no font has become U+FFFD in the Latin font.
 */
export function splitRuns<R extends { text: string; font: FontKey }>(run: R, options: SplitOptions = {}): Array<ScriptRun<R>> {
  // Fast path: text in the Latin font's blocks only (most of every French document).
  if (run.text === '') return [];
  if (LATIN_ONLY.test(run.text)) return [{ ...run, font: fontName('latin', run.font), style: run.font, family: 'latin', rtl: false }];
  interface Segment {
    family: Family | null;
    dir: 'L' | 'R' | null;
    rtl: boolean;
    text: string;
  }
  const segments: Segment[] = [];
  let cur: Segment | undefined;
  for (const ch of run.text) {
    const cp = ch.codePointAt(0) ?? 0;
    let family = familyOf(cp);
    let out = ch;
    if (family === 'none' || (family !== null && options.has && !options.has(fontName(family, run.font), cp))) {
      family = 'latin';
      out = MISSING;
    }
    const dir = strong(out);
    const fits = cur && (family === null || cur.family === null || family === cur.family) && (dir === null || cur.dir === null || dir === cur.dir);
    if (cur && fits) {
      cur.text += out;
      cur.family ??= family;
      cur.dir ??= dir;
      cur.rtl ||= dir === 'R';
    } else {
      cur = { family, dir, rtl: dir === 'R', text: out };
      segments.push(cur);
    }
  }
  return segments.map((s) => {
    const family = s.family ?? 'latin';
    let font: FontName = fontName(family, run.font);
    if (
      family === 'arabic' &&
      options.arabicFont === 'dejavu' &&
      [...s.text].every((ch) => isNeutral(ch.codePointAt(0) ?? 0) || inRanges(ch.codePointAt(0) ?? 0, DEJAVU_ARABIC))
    ) {
      // DejaVu's oblique faces have no Arabic: italic Arabic is upright.
      font = run.font === 'bold' || run.font === 'bolditalic' ? 'bold' : 'regular';
    }
    return { ...run, text: s.text, font, style: run.font, family, rtl: s.rtl };
  });
}

// ---------------------------------------------------------------------------------------------
// Direction

/** Base direction of a paragraph: that of its first strong character (UAX #9 P2), else ltr. */
export function paragraphDirection(text: string): 'ltr' | 'rtl' {
  for (const ch of text) {
    const d = strong(ch);
    if (d) return d === 'R' ? 'rtl' : 'ltr';
  }
  return 'ltr';
}

/**
 * Characters fontkit treats as right-to-left script (it reverses the glyphs of any string
 * whose first non-Common, non-Inherited character is one of these) or that make the bidi
 * algorithm reorder: Arabic letters and digits, Hebrew, RTL marks and overrides.
 */
const NEEDS_BIDI = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\u200F\u202B\u202E\u2067\u061C]/u;
const SCRIPT_SPECIFIC = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;

/** Whether a paragraph must go through `layoutParagraph` for its order to be right. */
export function needsBidi(text: string): boolean {
  return NEEDS_BIDI.test(text);
}

/** fontkit's decision, for a string laid out on its own: does it reverse the glyphs? */
function fontkitReverses(text: string): boolean {
  const m = SCRIPT_SPECIFIC.exec(text);
  return m !== null && RTL_SCRIPT.test(m[0]);
}

// ---------------------------------------------------------------------------------------------
// Lines (used by lines.ts, which breaks every paragraph of the PDF)

export type Direction = 'ltr' | 'rtl';

/**
 * Vertical extents (em) that decide the line box. Latin: DejaVu's hhea ascent/descent, which
 * pdfkit uses for its own line height, so a Latin line keeps pdfkit's pitch. CJK: the
 * ideographic em box (OS/2 typo metrics; ink measured 0.85/0.09). Arabic: measured ink of the
 * letters with their dots (0.93/0.39); the font's hhea metrics (1.374/0.738) are sized for
 * stacked marks and would double the line pitch of any line containing one Arabic word.
 */
export const lineExtents: Readonly<Record<Family, { ascent: number; descent: number }>> = {
  latin: { ascent: 1901 / 2048, descent: 483 / 2048 },
  cjk: { ascent: 0.88, descent: 0.12 },
  arabic: { ascent: 0.93, descent: 0.4 },
};

/** Bidi embedding levels of a paragraph (bidi-js), its base direction forced. */
export function embeddingLevels(text: string, dir: Direction): EmbeddingLevels {
  return bidi().getEmbeddingLevels(text, dir);
}

export interface RawPiece {
  run: number;
  text: string;
  spaces: number;
  space: boolean;
  rtl: boolean;
}

/**
 * The pieces of one line [start, end) in visual order. Consecutive characters (visually) of
 * the same run, the same level and adjacent in logical order form a group; its visual string
 * has RTL brackets mirrored. A group fontkit would reverse (it contains Arabic/Hebrew script)
 * is cut at spaces and each word handed over in logical order, so fontkit shapes it and
 * reverses it back to visual order; any other group is handed over in visual order.
 */
export function visualPieces(text: string, owner: Uint32Array, levels: EmbeddingLevels | null, dir: Direction, start: number, end: number): RawPiece[] {
  const order: number[] = [];
  for (let i = start; i < end; i++) order.push(i);
  let mirrored = new Map<number, string>();
  const level = (i: number): number => (levels ? levels.levels[i] : dir === 'rtl' ? 1 : 0);
  if (levels) {
    for (const [a, b] of bidi().getReorderSegments(text, levels, start, end - 1)) {
      // Reverse order[a - start .. b - start] in place (no spread: a line may be long).
      for (let i = a - start, j = b - start; i < j; i++, j--) [order[i], order[j]] = [order[j], order[i]];
    }
    mirrored = bidi().getMirroredCharactersMap(text, levels.levels, start, end - 1);
  } else if (dir === 'rtl') {
    order.reverse();
  }
  const groups: Array<{ run: number; level: number; idx: number[] }> = [];
  for (const i of order) {
    const g = groups[groups.length - 1];
    const lv = level(i);
    const step = lv % 2 ? -1 : 1;
    if (g && g.run === owner[i] && g.level === lv && i === g.idx[g.idx.length - 1] + step) g.idx.push(i);
    else groups.push({ run: owner[i], level: lv, idx: [i] });
  }
  const out: RawPiece[] = [];
  for (const g of groups) {
    const rtl = g.level % 2 === 1;
    const units = g.idx.map((i) => mirrored.get(i) ?? text[i]);
    if (rtl) {
      // Reversing put the halves of a surrogate pair in the wrong order: put them back.
      for (let k = 0; k + 1 < units.length; k++) {
        if (/[\uDC00-\uDFFF]/.test(units[k]) && /[\uD800-\uDBFF]/.test(units[k + 1])) {
          [units[k], units[k + 1]] = [units[k + 1], units[k]];
          k++;
        }
      }
    }
    const visual = units.join('');
    // pdfkit lays out each space-separated word on its own: hand over words and spaces apart.
    const tokens = visual.split(/( +)/).filter((t) => t !== '');
    if (fontkitReverses(visual)) {
      for (const t of tokens) {
        if (t.startsWith(' ')) out.push({ run: g.run, text: t, spaces: t.length, space: true, rtl });
        else out.push({ run: g.run, text: fontkitReverses(t) ? [...t].reverse().join('') : t, spaces: 0, space: false, rtl });
      }
    } else {
      // Keep the inner spaces (one pdfkit call per group), but never at a piece's edge:
      // pdfkit trims them when it justifies with `wordSpacing`.
      const lead = /^ +/.exec(visual)?.[0] ?? '';
      const trail = lead.length === visual.length ? '' : (/ +$/.exec(visual)?.[0] ?? '');
      const body = visual.slice(lead.length, visual.length - trail.length);
      if (lead) out.push({ run: g.run, text: lead, spaces: lead.length, space: true, rtl });
      if (body) out.push({ run: g.run, text: body, spaces: (body.match(/ /g) ?? []).length, space: false, rtl });
      if (trail) out.push({ run: g.run, text: trail, spaces: trail.length, space: true, rtl });
    }
  }
  return out;
}
