/**
 * Every character coop itself writes (typography, labels, marks) has a glyph in the
 * embedded Latin font: no U+202F drawn as a box, no missing ’, œ or €.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { labels } from '../src/render/labels.js';
import { fontFiles } from '../src/render/pdf/fonts.js';
import { formatDate, formatTimeRange, frenchSpacing } from '../src/typography/index.js';

interface Font {
  hasGlyphForCodePoint(cp: number): boolean;
}
// fontkit comes with pdfkit, which embeds the fonts with it: read them the same way.
const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(file: string): Font };

describe('glyph coverage of the embedded fonts', () => {
  const fonts = Object.entries(fontFiles).map(([k, f]) => [k, fontkit.openSync(f)] as const);
  const typographic = ['\u00a0', '\u202f', '’', '«', '»', '–', '—', '…', '·', 'œ', 'Œ', '€', 'É', 'ç', 'ï', '☐', '☑', '★', '°'];
  const written = [
    ...Object.values(labels.fr),
    ...Object.values(labels.en),
    formatDate('2012-03-01', 'fr'),
    formatTimeRange(570, 600, 'fr'),
    frenchSpacing('« Quelles synergies ? » : oui ; non !'),
    'Łódź, Ærø, Øresund, İstanbul, Ελλάδα, Москва',
  ].join('');
  for (const [key, font] of fonts) {
    it(`${key} has every character coop writes`, () => {
      const missing = [...new Set([...typographic, ...written])]
        .filter((ch) => ch.trim() !== '' || ch === '\u00a0' || ch === '\u202f')
        .filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
      expect(missing.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()} ${c}`)).toEqual([]);
    });
  }
});
