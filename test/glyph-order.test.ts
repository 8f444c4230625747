// In its own file: the parsed fonts are per process (per test file here), and what this tests
// is the first documents a fresh process makes.
import { describe, expect, it } from 'vitest';
import { DocumentBody } from '../src/render/document.js';
import { renderPdf } from '../src/render/pdf/engine.js';
import { readPdf } from './pdf-read.js';

const doc = (html: string) => ({
  body: new DocumentBody(html, 'fr' as const),
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

  it('in every script: Cyrillic и inside й, Greek α inside ά', async () => {
    await renderPdf(doc('<p>Йосиф — Ελλάδα έ ύ</p>'));
    const after = await readPdf(await renderPdf(doc('<p>Иван — α ε υ</p>')));
    expect(after.text[0].replace(/\s+/g, ' ').trim()).toBe('Иван — α ε υ');
  });

  it('a page break inside a table cell keeps what came before it on the page before', async () => {
    const pdf = await readPdf(
      await renderPdf({
        ...doc('<table><tr><td><p>Avant le saut</p><div class="page-break"></div><p>Après le saut</p></td><td>B</td></tr></table>'),
        bare: false,
      }),
    );
    expect(pdf.text[0]).toContain('Avant le saut');
    expect(pdf.text[0]).not.toContain('Après le saut');
    expect(pdf.text[1]).toContain('Après le saut');
  });
});
