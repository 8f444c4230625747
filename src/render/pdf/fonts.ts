import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create as fontkitCreate } from 'fontkit';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dejavu = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** TTF fonts shipped through npm (never system fonts): DejaVu covers Latin with œ ’ € U+202F, Greek, Cyrillic. */
export const fontFiles = {
  regular: path.join(dejavu, 'DejaVuSansCondensed.ttf'),
  bold: path.join(dejavu, 'DejaVuSansCondensed-Bold.ttf'),
  italic: path.join(dejavu, 'DejaVuSansCondensed-Oblique.ttf'),
  bolditalic: path.join(dejavu, 'DejaVuSansCondensed-BoldOblique.ttf'),
} as const;

export type FontKey = keyof typeof fontFiles;

export function fontKey(bold: boolean, italic: boolean): FontKey {
  return bold ? (italic ? 'bolditalic' : 'bold') : italic ? 'italic' : 'regular';
}

/** A parsed font that pdfkit accepts in place of a path (pdfkit 0.20: anything with `layout`). */
export interface ParsedFont {
  layout: unknown;
}

const parsed = new Map<string, ParsedFont>();

/**
 * The Latin fonts, parsed once per process and shared by every document of a build: pdfkit
 * would otherwise read and parse the same TTF files again for each PDF. Subsets stay per
 * document (pdfkit makes one per PDFDocument).
 */
export function parsedFont(key: FontKey): ParsedFont {
  let f = parsed.get(key);
  if (!f) {
    f = fontkitCreate(readFileSync(fontFiles[key])) as ParsedFont;
    claimCodePoints(f as unknown as Fontkit);
    keepCodePoints(f as unknown as Fontkit);
    parsed.set(key, f);
  }
  return f;
}

interface Fontkit {
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): unknown;
  getGlyph(id: number, codePoints?: number[]): { codePoints: number[] };
}

/** The blocks a French (or any Latin-script) document draws from. */
const LATIN_BLOCKS: Array<[number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x2b0, 0x2ff],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
  [0x2100, 0x215f],
  [0x2190, 0x21ff],
  [0x25a0, 0x25ff],
  [0x2600, 0x26ff],
];

/**
 * fontkit caches a glyph with the characters it was first met by, and pdfkit writes those in
 * the PDF's ToUnicode map (what copy-paste and search read). A glyph first met as a component
 * of another (E inside É, when a document's subset is written) is cached with none: every
 * later document of the process would then print an E that copies as nothing, and which
 * documents are affected would depend on the order they are made in. Meeting every glyph of
 * the Latin blocks by its character first, once per font, makes the map right and the same
 * whatever the order.
 */
function claimCodePoints(font: Fontkit): void {
  for (const [from, to] of LATIN_BLOCKS) {
    for (let cp = from; cp <= to; cp++) if (font.hasGlyphForCodePoint(cp)) font.glyphForCodePoint(cp);
  }
}

/**
 * Every other script (Greek, Cyrillic: и inside й, α inside ά): a glyph cached without
 * characters takes the first ones it is later asked for by, so it never copies as nothing
 * whatever the order documents are made in.
 */
function keepCodePoints(font: Fontkit): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints: number[] = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
}
