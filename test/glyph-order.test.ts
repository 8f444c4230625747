// In its own file: the parsed fonts are per process (per test file here), and what this tests
// is the first documents a fresh process makes.
import { describe, expect, it } from 'vitest';
import { DocumentBody } from '../src/render/document.js';
import { renderPdf } from '../src/render/pdf/engine.js';
import { readPdf } from './pdf-read.js';

const doc = (html: string) => ({
  tree: new DocumentBody(html, 'fr' as const),
  locale: 'fr' as const,
  title: 'Essai',
  subject: 'Essai',
  author: 'coop',
  draft: false,
  date: new Date('2026-01-01T00:00:00Z'),
  bare: true,
});

describe('glyphs met first inside another glyph', () => {
  it('still copy as their character in the documents made after', async () => {
    // "É" alone, in bold: writing this document's font subset meets E as a component of É.
    await renderPdf(doc('<h1>É</h1>'));
    const after = await readPdf(await renderPdf(doc('<h1>ÉTÉ ET EAU</h1>')));
    expect(after.text[0].replace(/\s+/g, ' ').trim()).toBe('ÉTÉ ET EAU');
  });
});
