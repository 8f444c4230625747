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
    keepCodePoints(f as unknown as Fontkit);
    parsed.set(key, f);
  }
  return f;
}

interface Fontkit {
  getGlyph(id: number, codePoints?: number[]): { codePoints: number[] };
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
function keepCodePoints(font: Fontkit): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints: number[] = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
}
