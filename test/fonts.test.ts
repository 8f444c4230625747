/**
 * The shortcuts taken with fontkit's parsed fonts (fonts.ts, pdfkit-internals.ts) give the
 * values fontkit itself gives: the PDFs' font descriptors and glyphs must not change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fallbackFonts, fontFiles } from '../src/render/pdf/fonts.js';
import { lazyPostTable, parseFont } from '../src/render/pdf/pdfkit-internals.js';

type PostFont = { post: Record<string, unknown>; italicAngle: number; getGlyph(id: number): { name: string } };

describe('the post table read from its header (lazyPostTable)', () => {
  const files = { ...fontFiles, arabic: fallbackFonts.arabic };
  for (const [key, file] of Object.entries(files)) {
    it(`${key}: the header's values and the glyph names are fontkit's`, () => {
      const bytes = readFileSync(file);
      const full = parseFont(bytes) as unknown as PostFont;
      const light = parseFont(bytes) as unknown as PostFont;
      lazyPostTable(light as never);
      const header = ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42'];
      // Read the light one first: its header must not need the full decode.
      const values = header.map((k) => light.post[k]);
      expect(values).toEqual(header.map((k) => full.post[k]));
      expect(light.italicAngle).toBe(full.italicAngle);
      if (key === 'italic') expect(light.italicAngle).toBeLessThan(0);
      // The glyph names (the rest of the table) are still fontkit's, decoded on demand.
      for (const id of [3, 40, 200]) expect(light.getGlyph(id).name).toBe(full.getGlyph(id).name);
      expect(light.post.names).toEqual(full.post.names);
    });
  }
});
