/**
 * The shortcuts taken with fontkit's parsed fonts (fonts.ts, pdfkit-internals.ts) give the
 * values fontkit itself gives: the PDFs' font descriptors and glyphs must not change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fallbackFonts, fontFiles } from '../src/render/pdf/fonts.js';
import { encodeSubset, lazyPostTable, parseFont } from '../src/render/pdf/pdfkit-internals.js';
import { renderEvent } from '../src/build.js';
import { checkEventFile } from '../src/project.js';
import { readSyntax } from './pdf-read.js';

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

describe('font files reused within a process (reuseFontFiles)', () => {
  it('a document made again, its subsets taken from memory, has the same bytes; its fonts are still embedded and deflated', async () => {
    const file = 'examples/universites-automne/event.yaml';
    const checked = await checkEventFile(path.join(import.meta.dirname, '..', file), file);
    const model = checked.model!;
    const pdfs = async () => (await renderEvent(model, { draft: false, only: ['programme.pdf', 'badges.pdf'] })).map((o) => Buffer.from(o.bytes as Uint8Array));
    const first = await pdfs();
    const again = await pdfs();
    expect(again.length).toBe(2);
    again.forEach((b, i) => expect(b.equals(first[i])).toBe(true));
    // Each Latin face used is embedded as a deflated TrueType subset.
    // The descriptors sit in object streams (engine: packObjects), the font files beside them.
    const text = readSyntax(again[0]).text;
    expect(text.match(/\/FontFile2 \d+ 0 R/g)!.length).toBeGreaterThanOrEqual(2);
    const fontFile = /\/FontFile2 (\d+) 0 R/.exec(text)![1];
    expect(text).toMatch(new RegExp(`\\n${fontFile} 0 obj\\n<<\\n/Length \\d+\\n/Filter /FlateDecode\\n>>\\nstream`));
  });
});

describe('font subsets written from pieces kept per font (encodeSubset)', () => {
  type Subset = Parameters<typeof encodeSubset>[0];
  type Font = {
    createSubset(): Subset;
    numGlyphs: number;
    glyphsForString(s: string): Array<{ id: number }>;
    getGlyph(id: number): { _decode(): { numberOfContours: number } | null };
  };
  const files = { ...fontFiles, ...fallbackFonts };
  for (const [key, file] of Object.entries(files)) {
    it(`${key}: the same bytes as fontkit's TTFSubset.encode, the same glyphs added`, () => {
      const font = parseFont(readFileSync(file)) as unknown as Font;
      // Text with composite glyphs (É, ŝ, й), glyphs at random, and a composite glyph first.
      let seed = 7;
      const random = () => (seed = (seed * 48271) % 2147483647) % font.numGlyphs;
      const composites: number[] = [];
      // Among the first 2,000 glyphs (DejaVu and Noto Arabic have 40 by glyph 234; the CJK
      // fonts have none, and decoding their 30,898 glyphs took 0.5 to 0.9 s each).
      for (let id = 1; id < Math.min(font.numGlyphs, 2000) && composites.length < 40; id++)
        if ((font.getGlyph(id)._decode()?.numberOfContours ?? 0) < 0) composites.push(id);
      if (key === 'regular') expect(composites.length).toBe(40);
      const lists = [
        [],
        font.glyphsForString('Élégie ŝ éœ й ά — 12 h 30, « citation » ★').map((g) => g.id),
        Array.from({ length: 300 }, random),
        [...composites.slice(0, 20).reverse(), ...Array.from({ length: 50 }, random), ...composites.slice(20)],
      ];
      for (const ids of lists) {
        const theirs = font.createSubset();
        const ours = font.createSubset();
        for (const id of ids) expect(ours.includeGlyph(id)).toBe(theirs.includeGlyph(id));
        const expected = Buffer.from(theirs.encode());
        // Twice: the second from the pieces the first kept.
        for (let k = 0; k < 2; k++) expect(Buffer.from(encodeSubset(ours)).equals(expected)).toBe(true);
        expect(ours.glyphs).toEqual(theirs.glyphs);
      }
    });
  }
});
