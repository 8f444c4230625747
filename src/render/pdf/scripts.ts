/**
 * Scripts the Latin font cannot draw, for pdfkit, which has neither font fallback nor
 * right-to-left support (see STACK.md, "pdfkit 0.20"):
 *
 * 1. Font fallback. `splitRuns` cuts a styled run into sub-runs by which bundled font has the
 *    glyphs: DejaVu Sans Condensed (Latin, Greek, Cyrillic, Hebrew, symbols), Noto Sans SC
 *    (Han, kana, CJK punctuation, full-width forms), Noto Sans Arabic. The choice is made from
 *    Unicode ranges, so nothing is opened to decide; `hasGlyph` checks a font's real cmap and
 *    can be passed to `splitRuns` to make the choice exact.
 *
 * 2. Bidi. What pdfkit 0.20 + fontkit actually do with Arabic (checked by rendering to PNG):
 *    pdfkit cuts a string at spaces and asks fontkit to lay out each word separately; fontkit
 *    detects the script of the word, shapes it (joining forms, lam-alef) and, for an RTL script,
 *    reverses the glyphs of that word. So one Arabic word comes out right, but the words of a
 *    multi-word Arabic string are placed left to right in logical order (reading order
 *    reversed) with the space glued to the wrong side, brackets are not mirrored, and a number
 *    in Arabic-Indic digits ("١٢") is reversed because fontkit sees it as Arabic script.
 *    `layoutParagraph` therefore breaks the paragraph into lines itself (in logical order, by
 *    measured widths), runs the Unicode bidi algorithm (bidi-js) over the paragraph, reorders
 *    each line visually (UAX #9 rule L2, per line), mirrors brackets, and cuts the line into
 *    pieces that are each safe to hand to fontkit: an RTL word is given in logical order (so
 *    fontkit shapes it, then reverses it), everything else in visual order. `drawParagraph`
 *    places the pieces at absolute positions on a common baseline.
 *
 *    This replaces pdfkit's own line wrapping for the paragraphs that need it; pure Latin
 *    paragraphs can keep using `doc.text(..., { continued: true })`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import bidiModule, { type Bidi, type EmbeddingLevels } from 'bidi-js';
import { fontFiles, type FontKey } from './fonts.js';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Fonts

export type Family = 'latin' | 'cjk' | 'arabic';
export type FallbackFont = 'cjk' | 'cjk-bold' | 'arabic' | 'arabic-bold';

function packageFile(pkg: string, file: string): string {
  // Resolve the package directory through its package.json: the expo packages' JS entry
  // points import react-native and must never be loaded.
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/**
 * pdfkit font names → TTF files, to `registerFont` next to `fontFiles`. Registering is lazy in
 * pdfkit (the file is read on the first `doc.font(name)`), so the 10 MB CJK font costs nothing
 * unless a CJK character is drawn; only the glyphs used are embedded (subset).
 * There is no italic CJK or Arabic: italic falls back to the upright weight.
 */
export const fallbackFonts: Readonly<Record<FallbackFont, string>> = {
  cjk: packageFile('@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf'),
  'cjk-bold': packageFile('@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'),
  arabic: packageFile('@expo-google-fonts/noto-sans-arabic', '400Regular/NotoSansArabic_400Regular.ttf'),
  'arabic-bold': packageFile('@expo-google-fonts/noto-sans-arabic', '700Bold/NotoSansArabic_700Bold.ttf'),
};

/** The pdfkit font name for a family in a style ('regular' … for Latin, 'cjk-bold' …). */
export function fontName(family: Family, style: FontKey): string {
  if (family === 'latin') return style;
  const bold = style === 'bold' || style === 'bolditalic';
  return bold ? `${family}-bold` : family;
}

/** The family of a pdfkit font name produced by `fontName`. */
export function familyOfFont(font: string): Family {
  if (font === 'cjk' || font === 'cjk-bold') return 'cjk';
  if (font === 'arabic' || font === 'arabic-bold') return 'arabic';
  return 'latin';
}

function fontFile(font: string): string {
  if (font in fallbackFonts) return fallbackFonts[font as FallbackFont];
  if (font in fontFiles) return fontFiles[font as FontKey];
  throw new Error(`unknown font ${font}`);
}

/** The slice of fontkit's API used here (fontkit ships no types). */
interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
interface Fontkit {
  openSync(file: string): FontkitFont;
}

let fontkitModule: Fontkit | undefined;
const openedFonts = new Map<string, FontkitFont>();

/**
 * Whether the font registered as `font` (a `fontFiles` key or a `fallbackFonts` key) has a
 * glyph for `codePoint`, read from its cmap with fontkit. fontkit is loaded the way pdfkit
 * loads it (it is pdfkit's dependency, not ours) and each font is opened once, on first use:
 * asking about 'cjk' reads the 10 MB file, so only ask when a CJK character is present.
 */
export function hasGlyph(font: string, codePoint: number): boolean {
  let f = openedFonts.get(font);
  if (!f) {
    fontkitModule ??= createRequire(require.resolve('pdfkit'))('fontkit') as Fontkit;
    f = fontkitModule.openSync(fontFile(font));
    openedFonts.set(font, f);
  }
  return f.hasGlyphForCodePoint(codePoint);
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
  [0x606, 0x607], [0x609, 0x60a], [0x60c, 0x60c], [0x615, 0x615], [0x61b, 0x61b], [0x61f, 0x61f],
  [0x621, 0x63a], [0x640, 0x655], [0x657, 0x657], [0x65a, 0x65a], [0x660, 0x670], [0x674, 0x674],
  [0x679, 0x6bf], [0x6c6, 0x6c8], [0x6cb, 0x6cc], [0x6ce, 0x6ce], [0x6d0, 0x6d0], [0x6d5, 0x6d5],
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
const bidiExport = bidiModule as unknown as BidiFactory | { default: BidiFactory };
const bidiFactory: BidiFactory = typeof bidiExport === 'function' ? bidiExport : bidiExport.default;

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
  font: string;
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
    let font = fontName(family, run.font);
    if (family === 'arabic' && options.arabicFont === 'dejavu' && [...s.text].every((ch) => isNeutral(ch.codePointAt(0) ?? 0) || inRanges(ch.codePointAt(0) ?? 0, DEJAVU_ARABIC))) {
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

/**
 * Whether a paragraph needs `layoutParagraph`/`drawParagraph` rather than pdfkit's own
 * wrapping: right-to-left text, or a fallback font (pdfkit puts each `continued` fragment's top,
 * not its baseline, at the line's y, so a CJK fragment sits 0.23 em lower than Latin text).
 */
export function needsScriptLayout(runs: ReadonlyArray<{ text: string; font: string }>): boolean {
  return runs.some((r) => familyOfFont(r.font) !== 'latin' || needsBidi(r.text));
}

/** fontkit's decision, for a string laid out on its own: does it reverse the glyphs? */
function fontkitReverses(text: string): boolean {
  const m = SCRIPT_SPECIFIC.exec(text);
  return m !== null && RTL_SCRIPT.test(m[0]);
}

// ---------------------------------------------------------------------------------------------
// Line layout

export type Direction = 'ltr' | 'rtl';

/** What the layout needs of a run; `ScriptRun`s of the engine's runs fit. */
export interface LayoutRun {
  text: string;
  /** pdfkit font name. */
  font: string;
  size: number;
}

/** Width in points of `text` in `font` at `size` (shaped), e.g. `pdfkitMeasure(doc)`. */
export type Measure = (text: string, font: string, size: number) => number;

/** A piece of a line, positioned: give `text` to pdfkit at `x` (from the line's left edge). */
export interface Piece<R> {
  run: R;
  text: string;
  x: number;
  width: number;
  /** Spaces inside `text` (or 1 for a lone space): where justification adds room. */
  spaces: number;
  /** The piece is a lone space (nothing needs to be drawn). */
  space: boolean;
  /** Resolved bidi level is odd. */
  rtl: boolean;
}

export interface Line<R> {
  /** Pieces in visual order, left to right. */
  pieces: Array<Piece<R>>;
  width: number;
  /** Extent above and below the baseline (points). */
  ascent: number;
  descent: number;
  /** Last line of the paragraph or before a forced break: never justified. */
  last: boolean;
}

export interface ParagraphLayout<R> {
  direction: Direction;
  lines: Array<Line<R>>;
}

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

/** Spaces a line may break after (not U+00A0/U+202F: French typography glues "12 €", "« ça »"). */
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\u3000';

/** CJK characters between which a line may break (Han, kana, full-width forms). */
const isCjk = (cp: number): boolean => inRanges(cp, CJK);
/** No line starts with these (closing punctuation, small kana, prolonged sound mark: kinsoku). */
const NO_START = new Set([...'、。，．・：；？！）」』】〉》〕］｝〙〗ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.;:!?)]}»’”%']);
/** No line ends with these (opening punctuation). */
const NO_END = new Set([...'（「『【〈《〔［｛〘〖([{«‘“']);

/** Break opportunities of `text` (code-unit offsets where a line may start), and forced ones. */
function breakPoints(text: string): { soft: Set<number>; forced: Set<number> } {
  const soft = new Set<number>();
  const forced = new Set<number>();
  let prev = '';
  let i = 0;
  for (const ch of text) {
    if (i > 0) {
      const pcp = prev.codePointAt(0) ?? 0;
      const cp = ch.codePointAt(0) ?? 0;
      if (prev === '\n') forced.add(i);
      else if (isSpace(prev) && !isSpace(ch) && ch !== '\n') soft.add(i);
      else if ((isCjk(pcp) || isCjk(cp)) && !isSpace(ch) && !isSpace(prev) && ch !== '\n' && !NO_START.has(ch) && !NO_END.has(prev)) soft.add(i);
    }
    prev = ch;
    i += ch.length;
  }
  return { soft, forced };
}

/**
 * Lay a paragraph out: break it into lines no wider than `width` (in logical order, at spaces
 * and between CJK characters), then order each line visually with the bidi algorithm and cut
 * it into pieces pdfkit/fontkit will draw correctly. Pure: widths come from `measure`.
 */
export function layoutParagraph<R extends LayoutRun>(runs: readonly R[], width: number, measure: Measure, direction: Direction | 'auto' = 'auto'): ParagraphLayout<R> {
  const text = runs.map((r) => r.text).join('');
  const dir: Direction = direction === 'auto' ? paragraphDirection(text) : direction;
  if (text === '') return { direction: dir, lines: [] };
  const owner = new Uint16Array(text.length);
  let off = 0;
  runs.forEach((r, k) => {
    owner.fill(k, off, off + r.text.length);
    off += r.text.length;
  });
  // Widths of logical slices [a, b), cut at run boundaries.
  const widthOf = (a: number, b: number): number => {
    let w = 0;
    for (let s = a; s < b; ) {
      const k = owner[s];
      let e = s;
      while (e < b && owner[e] === k) e++;
      const piece = text.slice(s, e).replace(/\n/g, '');
      if (piece) w += measure(piece, runs[k].font, runs[k].size);
      s = e;
    }
    return w;
  };

  // 1. Lines, in logical order: greedy fill of the atoms between break opportunities.
  const { soft, forced } = breakPoints(text);
  const cuts = [...new Set([0, ...soft, ...forced, text.length])].sort((a, b) => a - b);
  const spans: Array<{ start: number; end: number; last: boolean }> = [];
  let lineStart = 0;
  let lineWidth = 0;
  const contentEnd = (a: number, b: number): number => {
    let e = b;
    while (e > a && (isSpace(text[e - 1]) || text[e - 1] === '\n')) e--;
    return e;
  };
  const pushLine = (end: number, last: boolean) => {
    spans.push({ start: lineStart, end: contentEnd(lineStart, end), last });
    lineStart = end;
    lineWidth = 0;
  };
  for (let c = 0; c < cuts.length - 1; c++) {
    const a = cuts[c];
    const b = cuts[c + 1];
    const inkEnd = contentEnd(a, b);
    const inkWidth = widthOf(a, inkEnd);
    if (lineWidth > 0 && lineWidth + inkWidth > width + 1e-6) pushLine(a, false);
    if (lineWidth === 0 && inkWidth > width + 1e-6) {
      // A word wider than the line: cut it between characters (never inside a surrogate pair).
      let s = a;
      let w = 0;
      for (const ch of text.slice(a, inkEnd)) {
        const cw = widthOf(s, s + ch.length);
        if (w > 0 && w + cw > width + 1e-6) {
          pushLine(s, false);
          w = 0;
        }
        w += cw;
        s += ch.length;
      }
      lineWidth = w;
    } else {
      lineWidth += inkWidth;
    }
    lineWidth += widthOf(inkEnd, b);
    if (forced.has(b)) pushLine(b, true);
  }
  pushLine(text.length, true);

  // 2. Bidi levels for the whole paragraph (with its base direction forced: a <br> is not a
  // new bidi paragraph), then each line reordered on its own.
  const needs = needsBidi(text);
  const levels = needs ? bidi().getEmbeddingLevels(text, dir) : null;
  const lines = spans.map(({ start, end, last }) => {
    const pieces = end > start ? visualPieces(text, owner, levels, dir, start, end) : [];
    const placed: Array<Piece<R>> = [];
    let x = 0;
    for (const p of pieces) {
      const run = runs[p.run];
      const w = measure(p.text, run.font, run.size);
      placed.push({ run, text: p.text, x, width: w, spaces: p.spaces, space: p.space, rtl: p.rtl });
      x += w;
    }
    // An empty line (two forced breaks) still has the height of the run it belongs to.
    const sized = placed.length ? placed.map((p) => p.run) : [runs[owner[Math.min(start, text.length - 1)]]];
    const ascent = Math.max(...sized.map((r) => lineExtents[familyOfFont(r.font)].ascent * r.size));
    const descent = Math.max(...sized.map((r) => lineExtents[familyOfFont(r.font)].descent * r.size));
    return { pieces: placed, width: x, ascent, descent, last };
  });
  return { direction: dir, lines };
}

interface RawPiece {
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
function visualPieces(text: string, owner: Uint16Array, levels: EmbeddingLevels | null, dir: Direction, start: number, end: number): RawPiece[] {
  const order: number[] = [];
  for (let i = start; i < end; i++) order.push(i);
  let mirrored = new Map<number, string>();
  const level = (i: number): number => (levels ? levels.levels[i] : dir === 'rtl' ? 1 : 0);
  if (levels) {
    for (const [a, b] of bidi().getReorderSegments(text, levels, start, end - 1)) {
      const seg = order.slice(a - start, b - start + 1).reverse();
      order.splice(a - start, seg.length, ...seg);
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

// ---------------------------------------------------------------------------------------------
// Drawing with pdfkit

/** `Measure` backed by pdfkit (shaped widths; changes the document's current font and size). */
export function pdfkitMeasure(doc: PDFKit.PDFDocument): Measure {
  return (text, font, size) => doc.font(font).fontSize(size).widthOfString(text);
}

/** start/end follow the paragraph direction (start = left in LTR, right in RTL). */
export type Align = 'start' | 'end' | 'left' | 'right' | 'center' | 'justify';

export interface DrawRun extends LayoutRun {
  color?: string;
  link?: string | null;
}

export interface DrawOptions {
  x: number;
  y: number;
  width: number;
  align?: Align;
  lineGap?: number;
  direction?: Direction | 'auto';
}

/** Height `drawParagraph` will take (same layout, nothing drawn). */
export function measureParagraph(doc: PDFKit.PDFDocument, runs: readonly LayoutRun[], width: number, lineGap = 0, direction: Direction | 'auto' = 'auto'): number {
  const { lines } = layoutParagraph(runs, width, pdfkitMeasure(doc), direction);
  return lines.reduce((h, l) => h + l.ascent + l.descent + lineGap, 0);
}

/**
 * Draw a paragraph laid out by `layoutParagraph`: every piece at its own x on the line's
 * baseline (`baseline: 'alphabetic'`, so fonts with different ascenders line up), links and
 * underlines drawn per piece, a new page when a line does not fit. Leaves `doc.y` under the
 * paragraph (like `doc.text`, one `lineGap` after each line) and `doc.x` at `x`.
 */
export function drawParagraph(doc: PDFKit.PDFDocument, runs: readonly DrawRun[], options: DrawOptions): void {
  const { x, width, lineGap = 0 } = options;
  const layout = layoutParagraph(runs, width, pdfkitMeasure(doc), options.direction ?? 'auto');
  const rtl = layout.direction === 'rtl';
  const align = options.align ?? 'start';
  const side: 'left' | 'right' | 'center' | 'justify' =
    align === 'start' ? (rtl ? 'right' : 'left') : align === 'end' ? (rtl ? 'left' : 'right') : align;
  let y = options.y;
  for (const line of layout.lines) {
    const height = line.ascent + line.descent;
    const bottom = doc.page.height - doc.page.margins.bottom;
    if (y + height > bottom && y > doc.page.margins.top + 1) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    const baseline = y + line.ascent;
    const spaces = line.pieces.reduce((n, p) => n + p.spaces, 0);
    const justify = side === 'justify' && !line.last && spaces > 0;
    const extra = justify ? (width - line.width) / spaces : 0;
    const free = width - line.width;
    const endSide = side === 'justify' ? (rtl ? 'right' : 'left') : side;
    let cx = x + (justify ? 0 : endSide === 'right' ? free : endSide === 'center' ? free / 2 : 0);
    for (const p of line.pieces) {
      const w = p.width + p.spaces * extra;
      const run = p.run;
      if (!p.space) {
        doc.font(run.font).fontSize(run.size);
        if (run.color) doc.fillColor(run.color);
        doc.text(p.text, cx, baseline, { lineBreak: false, baseline: 'alphabetic', wordSpacing: extra > 0 && p.spaces > 0 ? extra : 0 });
      }
      if (run.link) {
        doc.link(cx, y, w, height, run.link);
        // Same place as pdfkit's own underline: at the bottom of the Latin descent.
        const lw = run.size < 10 ? 0.5 : Math.floor(run.size / 10);
        const uy = baseline + lineExtents.latin.descent * run.size - lw;
        doc.save().lineWidth(lw).strokeColor(run.color ?? 'black').moveTo(cx, uy).lineTo(cx + w, uy).stroke().restore();
      }
      cx += w;
    }
    y += height + lineGap;
  }
  doc.x = x;
  doc.y = y;
}
