import { describe, expect, it } from 'vitest';
import { DocumentBody } from '../src/render/document.js';
import { renderPdf } from '../src/render/pdf/engine.js';
import { readPdf } from './pdf-read.js';

describe('running header and footer', () => {
  it('get French typography, as the body does', async () => {
    const pdf = await readPdf(
      await renderPdf({
        body: new DocumentBody('<p>Corps</p>', 'fr'),
        locale: 'fr',
        title: "Universités d'automne : l'action internationale",
        subject: 'Essai',
        author: 'coop',
        draft: false,
        date: new Date('2026-01-01T00:00:00Z'),
        header: "Feuille d'émargement — Universités d'automne",
      }),
    );
    const page = pdf.text[0];
    expect(page).toContain('Feuille d’émargement — Universités d’automne');
    expect(page).toMatch(/Universités d’automne\s?: l’action internationale/);
    expect(page).not.toContain("d'automne");
  });
});
