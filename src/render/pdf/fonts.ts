/**
 * The fonts of the PDFs: TTF files shipped through npm (never system fonts), parsed once per
 * process and shared by every document of a build (subsets stay per document), and words
 * shaped once per process (see `shape`).
 *
 * - DejaVu Sans Condensed (four faces): Latin with œ ’ € U+202F, Greek, Cyrillic, Hebrew, most
 *   Arabic letters, symbols (☐ ☑ ★);
 * - Noto Sans SC (regular, bold): Han, kana, CJK punctuation, full-width forms;
 * - Noto Sans Arabic (regular, bold): Arabic with its shaping tables.
 *
 * The 10 MB CJK font is read only when a document has a CJK character.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../../util/root.js';
import { computeLatinMetrics, LATIN_FORMAT, LatinTable, type LatinLayout, type LatinMetrics } from './latin.js';
import { lazyPostTable, parseFont, type FontkitFont, type FontkitGlyph, type GlyphPosition } from './pdfkit-internals.js';

const require = createRequire(import.meta.url);
const dejavu = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

function packageFile(pkg: string, file: string): string {
  // Resolve the package directory through its package.json: the expo packages' JS entry
  // points import react-native and must never be loaded.
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** The Latin faces, by the names the engine gives them. */
export const fontFiles = {
  regular: path.join(dejavu, 'DejaVuSansCondensed.ttf'),
  bold: path.join(dejavu, 'DejaVuSansCondensed-Bold.ttf'),
  italic: path.join(dejavu, 'DejaVuSansCondensed-Oblique.ttf'),
  bolditalic: path.join(dejavu, 'DejaVuSansCondensed-BoldOblique.ttf'),
} as const;

export type FontKey = keyof typeof fontFiles;

export type FallbackFont = 'cjk' | 'cjk-bold' | 'arabic' | 'arabic-bold';

/**
 * Fonts for the scripts DejaVu lacks. There is no italic CJK or Arabic: italic falls back to
 * the upright weight.
 */
export const fallbackFonts: Readonly<Record<FallbackFont, string>> = {
  cjk: packageFile('@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf'),
  'cjk-bold': packageFile('@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'),
  arabic: packageFile('@expo-google-fonts/noto-sans-arabic', '400Regular/NotoSansArabic_400Regular.ttf'),
  'arabic-bold': packageFile('@expo-google-fonts/noto-sans-arabic', '700Bold/NotoSansArabic_700Bold.ttf'),
};

/** Every font name the engine draws with. */
export type FontName = FontKey | FallbackFont;

export function fontKey(bold: boolean, italic: boolean): FontKey {
  return bold ? (italic ? 'bolditalic' : 'bold') : italic ? 'italic' : 'regular';
}

export function isFontName(name: string): name is FontName {
  return name in fontFiles || name in fallbackFonts;
}

function fileOf(name: FontName): string {
  return name in fontFiles ? fontFiles[name as FontKey] : fallbackFonts[name as FallbackFont];
}

const parsed = new Map<FontName, FontkitFont>();
/** The Latin metrics of each Latin face (latin.ts), when the build made them for its font file. */
const latinTables = new Map<FontName, LatinTable>();

/** A font, parsed once per process (read on first use: the CJK file only for CJK text). */
export function parsedFont(name: FontName): FontkitFont {
  let f = parsed.get(name);
  if (!f) {
    const bytes = readFileSync(fileOf(name));
    f = parseFont(bytes);
    lazyPostTable(f);
    keepCodePoints(f);
    parsed.set(name, f);
    const metrics = name in fontFiles ? builtLatinMetrics()?.[name as FontKey] : undefined;
    if (metrics?.format === LATIN_FORMAT) {
      const table = new LatinTable(metrics);
      if (table.fits(f, bytes.length)) latinTables.set(name, table);
    }
  }
  return f;
}

/** Where `npm run build` writes the Latin metrics of the four faces (see latin.ts). */
export const latinMetricsFile = path.join(packageRoot(), 'dist', 'latin-metrics.json');
let latinMetrics: Partial<Record<FontKey, LatinMetrics>> | null | undefined;

function builtLatinMetrics(): Partial<Record<FontKey, LatinMetrics>> | null {
  if (latinMetrics !== undefined) return latinMetrics;
  latinMetrics = null;
  try {
    if (existsSync(latinMetricsFile)) latinMetrics = JSON.parse(readFileSync(latinMetricsFile, 'utf8')) as Partial<Record<FontKey, LatinMetrics>>;
  } catch {
    // A damaged file: every word is shaped by fontkit, as without it.
  }
  return latinMetrics;
}

/** The Latin metrics of the four faces, made with fontkit (run by scripts/build.mjs). */
export function makeLatinMetrics(): Record<FontKey, LatinMetrics> {
  const out = {} as Record<FontKey, LatinMetrics>;
  for (const key of Object.keys(fontFiles) as FontKey[]) {
    const bytes = readFileSync(fontFiles[key]);
    out[key] = computeLatinMetrics(parseFont(bytes), bytes.length);
  }
  return out;
}

/**
 * fontkit caches a glyph with the characters it was first met by, and pdfkit writes those in
 * the PDF's ToUnicode map (what copy-paste and search read). A glyph first met as a component
 * of another (E inside É, и inside й, α inside ά, when a document's subset is written) is
 * cached with none: every later document of the process would print it as a letter that
 * copies as nothing, and which documents are affected would depend on the order they are
 * made in. Here a glyph cached without characters takes the first ones it is asked for by.
 * (No glyph of the DejaVu faces serves two characters, so the map
 * cannot depend on which came first either.)
 */
function keepCodePoints(font: FontkitFont): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints: number[] = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
}

/** A shaped piece of text: glyphs and positions in thousandths of the font size, as pdfkit keeps them. */
export interface Shaped {
  glyphs: FontkitGlyph[];
  positions: GlyphPosition[];
  /** Advance in thousandths of the font size. */
  width: number;
  /** A glyph is moved off its place (a combining mark, an Arabic dot): needs its own positioning. */
  offsets: boolean;
}

/** Entries a process-wide cache keeps before starting afresh (a `--watch` session lives long). */
const MAX_CACHED = 200_000;
/** Longer strings are shaped every time they are met (a 40,000-character word never repeats). */
const MAX_CACHED_LENGTH = 200;

const shapes = new Map<FontName, Map<string, Shaped>>();

/**
 * `text` (a word, a space, one character: never a string with spaces inside, which pdfkit
 * would lay out word by word) shaped in `font`, once per process for short strings.
 */
export function shape(font: FontName, text: string): Shaped {
  let byText = shapes.get(font);
  if (!byText) shapes.set(font, (byText = new Map()));
  let s = byText.get(text);
  if (s) return s;
  const f = parsedFont(font);
  const scale = 1000 / f.unitsPerEm;
  const latin = latinTables.get(font)?.layout(text);
  const run = latin ? fromTable(f, latin) : f.layout(text);
  const positions: GlyphPosition[] = new Array(run.positions.length);
  let width = 0;
  let offsets = false;
  for (let i = 0; i < run.positions.length; i++) {
    const p = run.positions[i];
    const q: GlyphPosition = {
      xAdvance: p.xAdvance * scale,
      yAdvance: p.yAdvance * scale,
      xOffset: p.xOffset * scale,
      yOffset: p.yOffset * scale,
      advanceWidth: run.glyphs[i].advanceWidth * scale,
    };
    if (q.xOffset || q.yOffset) offsets = true;
    width += q.xAdvance;
    positions[i] = q;
  }
  s = { glyphs: run.glyphs, positions, width, offsets };
  if (text.length <= MAX_CACHED_LENGTH) {
    if (byText.size > MAX_CACHED) byText.clear();
    byText.set(text, s);
  }
  return s;
}

/** A word laid out from the Latin table, as fontkit's layout gives it (glyphs, positions in font units). */
function fromTable(f: FontkitFont, l: LatinLayout): { glyphs: FontkitGlyph[]; positions: Array<Record<string, number>> } {
  const glyphs = new Array<FontkitGlyph>(l.glyphs.length);
  const positions = new Array<Record<string, number>>(l.glyphs.length);
  for (let i = 0; i < l.glyphs.length; i++) {
    glyphs[i] = f.getGlyph(l.glyphs[i], l.codePoints[i]);
    positions[i] = { xAdvance: l.advances[i], yAdvance: 0, xOffset: 0, yOffset: 0 };
  }
  return { glyphs, positions };
}

/** Width in points of one token (see `shape`) at `size`. */
export function tokenWidth(font: FontName, text: string, size: number): number {
  return (shape(font, text).width * size) / 1000;
}
