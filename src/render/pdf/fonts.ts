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
    parsed.set(key, f);
  }
  return f;
}
