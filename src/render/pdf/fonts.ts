import { createRequire } from 'node:module';
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
