/**
 * The print defects new users saw (issue #14), each on a small input written the way a hurried
 * secretariat would, read back from the PDF (text, places, fonts, links) rather than compared
 * byte for byte.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLoaded } from '../src/project.js';
import { loadEventText } from '../src/load.js';
import { emargementDocument } from '../src/render/attendees.js';
import { DocumentBody, type DocumentTree } from '../src/render/document.js';
import { Templates } from '../src/render/templates.js';
import { renderPdf, type PageInfo } from '../src/render/pdf/engine.js';
import { setOwnersApart } from '../src/render/minutes-body.js';
import { frenchSpacing, applyTypography } from '../src/typography/index.js';
import { loadAwareSeconds, run } from './helpers.js';
import { readPages, readPdf, readStrokes, type PdfPage, type PlacedItem } from './pdf-read.js';

const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const RIGHT = 56 + 483.28; // right edge of the text column of an A4 portrait page

function doc(html: string, extra: Partial<DocumentTree> = {}): DocumentTree {
  return {
    body: new DocumentBody(html, extra.locale ?? 'fr'),
    locale: 'fr',
    title: 'Essai',
    subject: 'Essai',
    author: 'coop',
    draft: false,
    date: new Date('2026-01-01T00:00:00Z'),
    ...extra,
  };
}

const pagesOf = async (html: string, extra: Partial<DocumentTree> = {}) => readPages(await renderPdf(doc(html, extra)));
/** The body's items (no artifact: header, footer, page numbers). */
const body = (p: PdfPage) => p.items.filter((i) => !i.marks.includes('Artifact'));
/** The text as read: items of a line joined as pdfjs gives them (a glued word stays glued), lines by spaces. */
const text = (pages: PdfPage[], withArtifacts = false) =>
  flat(
    pages
      .map((p) =>
        lines(withArtifacts ? p.items : body(p))
          .map((r) => r.map((i) => i.str).join(''))
          .join(' '),
      )
      .join(' '),
  );
/** Items grouped by baseline, top of the page first. */
function lines(items: PlacedItem[]): PlacedItem[][] {
  const rows = new Map<number, PlacedItem[]>();
  for (const i of items) {
    const y = Math.round(i.y * 10) / 10;
    rows.set(y, [...(rows.get(y) ?? []), i]);
  }
  return [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, r]) => r.sort((a, b) => a.x - b.x));
}
const rightEnd = (row: PlacedItem[]) => Math.max(...row.map((i) => i.x + i.width));

/** A project folder with these files, built with `coop build`; the outputs read back. */
async function build(
  files: Record<string, string>,
  only: string,
  args: string[] = [],
): Promise<{ dir: string; code: number; stderr: string; out: (name: string) => Buffer }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-print-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const r = await run(['build', 'event.yaml', '-o', 'out', '--only', only, ...args], dir);
  return { dir, code: r.code, stderr: r.stderr, out: (name) => readFileSync(path.join(dir, 'out', name)) };
}

const LOREM =
  'le président rappelle que la coopération décentralisée dans le domaine économique suppose une implication forte des collectivités, des chambres consulaires et des entreprises du territoire, et que les partenaires du Sud attendent des retombées concrètes pour leurs habitants';

describe('justified paragraphs', () => {
  it('keep the space after bold text (a lead-in, coop’s own "Décision n° N :")', async () => {
    const pages = await pagesOf(
      `<section class="minutes-body"><p><strong>Contexte :</strong> ${LOREM}.</p><p class="decision"><strong>Décision n° 1 :</strong> Poursuite des travaux aux Universités d’automne (UA), les 11 et 12 octobre 2016 à Dunkerque, avec ${LOREM}.</p></section>`,
    );
    const t = text(pages);
    expect(t).toContain('Contexte : le président rappelle');
    expect(t).toContain('Décision n° 1 : Poursuite des travaux');
    // Justified: the lines before the last reach the right edge.
    const rows = lines(body(pages[0]));
    expect(rightEnd(rows[0])).toBeCloseTo(RIGHT, 0);
  });

  it('justify body paragraphs only: never headings, table cells, list items or last lines', async () => {
    const pages = await pagesOf(
      `<section class="minutes-body"><h2>Mission économique, perspective de partenariat et d’export des entreprises du territoire régional</h2>` +
        `<ul><li>Rappel du contexte économique et politique (avec une actualité sur le budget RI de la Région en très forte baisse) et de la demande de retour sur investissement</li></ul>` +
        `<table><tr><td>Mission économique, perspective de partenariat et d’export</td><td>Haut de France (port de Boulogne sur mer)</td><td>CCI internationale</td></tr></table>` +
        `<p>${LOREM}.</p></section>`,
    );
    const rows = lines(body(pages[0]));
    const row = (start: string) => rows.find((r) => r.some((i) => i.str.startsWith(start)))!;
    // The heading's first line, the list item's first line end short of the right edge (ragged).
    expect(rightEnd(row('Mission économique, perspective de partenariat et'))).toBeLessThan(RIGHT - 10);
    expect(rightEnd(row('Rappel du contexte'))).toBeLessThan(RIGHT - 10);
    // A table cell's line: its words are not spread out to the cell's edge.
    const cell = row('Haut de France');
    expect(cell.filter((i) => i.str.trim() === '').every((i) => i.width < 5)).toBe(true);
    expect(rightEnd(cell.filter((i) => i.x < 240))).toBeLessThan(230);
    // The paragraph: justified, but not its last line.
    const start = rows.findIndex((r) => flat(r.map((i) => i.str).join('')).startsWith('le président'));
    const para = rows.slice(start);
    expect(para.length).toBeGreaterThanOrEqual(3);
    expect(rightEnd(para[0])).toBeCloseTo(RIGHT, 0);
    expect(rightEnd(para[para.length - 1])).toBeLessThan(RIGHT - 10);
  });
});

describe('pagination', () => {
  it('keeps a heading with the first lines of its paragraph, not with all of it', async () => {
    // The heading falls halfway down page 1; its paragraph is longer than the rest of the page.
    const filler = `<p>${'Filler line of text that fills the page. '.repeat(90)}</p>`;
    const long = `<p>${'Une longue section qui fait seize lignes au moins, écrite comme un compte rendu. '.repeat(40)}</p>`;
    const info: PageInfo[] = [];
    const pages = await readPages(
      await renderPdf(doc(`<section class="minutes-body">${filler}<h2>Résumé des échanges</h2>${long}</section>`), { pages: info }),
    );
    // The heading stays on page 1 with at least two lines of its paragraph…
    const first = lines(body(pages[0]));
    const h = first.findIndex((r) => r[0].str.includes('Résumé des échanges'));
    expect(h).toBeGreaterThan(0);
    expect(first.length - h - 1).toBeGreaterThanOrEqual(2);
    // … and page 1 is full: its last line is near the bottom margin.
    expect(Math.min(...body(pages[0]).map((i) => i.y))).toBeLessThan(62 + 20);
    expect(info[0].used / info[0].room).toBeGreaterThan(0.95);
  });

  it('never leaves a table’s last row alone on a page', async () => {
    for (let n = 30; n <= 45; n++) {
      const rows = Array.from({ length: n }, (_, i) => `<tr><td>${i + 1}</td><td>Nom ${i + 1}</td></tr>`).join('');
      const pages = await pagesOf(`<table><thead><tr><th>N°</th><th>Nom</th></tr></thead><tbody>${rows}</tbody></table>`);
      if (pages.length === 1) continue;
      const last = body(pages[pages.length - 1]).filter((i) => /^Nom \d+$/.test(i.str));
      expect(last.length, `${n} rows`).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('every text goes through the script fallback, headers and footers included', () => {
  it('prints a Chinese title in the running header of the sign-in sheet', async () => {
    const r = await build(
      {
        'event.yaml':
          'event: { title: "Rencontre des partenaires : Lyon, Shanghai (上海) et Rabat", venue: { name: Hôtel de Ville, city: Lyon } }\nattendees: [{ name: Li MING, org: "上海市" }]\ndays:\n  - date: 2026-09-17\n    sessions: [{ title: Ouverture, start: "9h", end: "12h" }]\n',
      },
      'emargement.pdf',
    );
    expect(r.code).toBe(0);
    const pages = await readPages(r.out('emargement.pdf'));
    const header = pages[0].items.filter((i) => i.marks.includes('Artifact') && i.y > pages[0].height - 40);
    expect(flat(header.map((i) => i.str).join(''))).toContain('Shanghai (上海) et Rabat');
    expect(header.some((i) => i.font.includes('NotoSansSC'))).toBe(true);
    expect(text(pages)).toContain('上海市');
  });
});

const EVENT = `event: { title: Réunion du réseau, kind: meeting }
organisations:
  arricod: { name: Association ARRICOD, short: ARRICOD }
people:
  specq: { name: Tanguy SPECQ, civility: M., role: Assistant, org: arricod }
  col: { name: Nathalie COL, civility: Mme, role: Chargée de coopération }
minutes: [cr.md]
days:
  - date: 2016-05-19
    sessions:
      - { title: Atelier, start: "14h", end: "17h" }
`;

describe('minutes', () => {
  const minutes = `---
kind: minutes
title: Atelier
event: event.yaml
date: 2016-05-19
present: [specq, col]
---

# Contexte

Les partenaires ont rappelé l'« adossement » des projets.

# Suites à donner

- [ ] Diffuser le compte rendu aux participants @specq (échéance : 2016-06-15)
- [ ] Demander à @col de relancer les absents
`;
  it('one "Suites à donner" section, and the owner set apart from the action', async () => {
    const r = await build({ 'event.yaml': EVENT, 'cr.md': minutes }, 'cr.pdf,cr.html');
    expect(r.code).toBe(0);
    const html = r.out('cr.html').toString();
    expect(html.match(/<h2[^>]*>Suites à donner<\/h2>/g)).toHaveLength(1);
    expect(html).toContain('<h2>Récapitulatif des suites à donner</h2>');
    const pdf = await readPdf(r.out('cr.pdf'));
    expect(pdf.outline.filter((t) => t === 'Suites à donner')).toHaveLength(1);
    const t = flat(pdf.text.join(' '));
    expect(t).toContain('Diffuser le compte rendu aux participants — Tanguy SPECQ (échéance : 15/06/2016)');
    // Named inside the sentence, an owner stays in it.
    expect(t).toContain('Demander à Nathalie COL de relancer les absents');
    // A straight apostrophe before « is a typographic one.
    expect(t).toContain('l’« adossement »');
  });
});

describe('owners set apart from the action', () => {
  it('a dash before the owners that end an action, commas between them; linear in the number of mentions', () => {
    expect(setOwnersApart('Préparer la convention @fontaine @leroy (échéance : 2026-05-31)')).toBe(
      'Préparer la convention — @fontaine, @leroy (échéance : 2026-05-31)',
    );
    expect(setOwnersApart('Relancer les absents 01/09/2016 @col')).toBe('Relancer les absents 01/09/2016 — @col');
    expect(setOwnersApart('Demander à @col de relancer')).toBe('Demander à @col de relancer');
    expect(setOwnersApart('@specq')).toBe('@specq');
    const hostile = `x ${'@a '.repeat(100_000)}y`;
    const t0 = performance.now();
    expect(setOwnersApart(hostile)).toBe(hostile);
    expect(performance.now() - t0).toBeLessThan(loadAwareSeconds(1) * 1000);
  });
});

describe('French typography of every input', () => {
  it('straight quotes and apostrophes, whatever their source', () => {
    expect(frenchSpacing('Ville "Test"')).toBe('Ville «\u00a0Test\u00a0»');
    expect(frenchSpacing("l'« adossement »")).toBe('l’«\u00a0adossement\u00a0»');
    expect(frenchSpacing("aujourd'hui l'an 2000")).toBe('aujourd’hui l’an 2000');
    expect(applyTypography('the "Test" room', 'en')).toBe('the “Test” room');
    expect(frenchSpacing('un écran de 12" et "a" ou "b"')).toBe('un écran de 12" et «\u00a0a\u00a0» ou «\u00a0b\u00a0»');
  });

  it('a CSV value in quotes gets guillemets in the lists', async () => {
    const r = await build(
      {
        'event.yaml':
          'event: { title: Réunion }\nattendees: [{ file: inscrits.csv }]\ndays:\n  - date: 2016-05-19\n    sessions: [{ title: Atelier, start: "14h", end: "17h" }]\n',
        'inscrits.csv': 'Nom;Prénom;Organisme\nDUPONT;Jean;"Ville ""Test"""\n',
      },
      'participants.pdf,participants.html',
    );
    expect(r.code).toBe(0);
    const t = flat((await readPdf(r.out('participants.pdf'))).text.join(' '));
    expect(t).toContain('Ville « Test »');
    expect(t).not.toContain('"');
    expect(r.out('participants.html').toString()).toContain('Ville «\u00a0Test\u00a0»');
  });
});

describe('French details', () => {
  const event = (extra: string, locale = 'fr') => `event:
  title: Séminaire
  subtitle: "Séminaire — accueil à 11 h 30"
  locale: ${locale}
  organisers: [arf, cuf]
  capacity: 120
  audience: élus et techniciens
organisations:
  arf: { name: Association des Régions de France }
  cuf: { name: Cités Unies France }
people:
  anne: { name: Anne MARTIN, civility: Mme, role: Directrice }
  paul: { name: Paul DURAND, civility: M. }
${extra}days:
  - date: 2012-03-01
    sessions:
      - { title: Ouverture, start: "9h", end: "10h", chair: [paul], rapporteur: anne, items: [{ title: Accueil, speakers: [paul] }] }
`;
  it('agrees, joins and spaces the French way; never upper-cases data', async () => {
    const r = await build({ 'event.yaml': event('') }, 'programme.pdf,participants.pdf');
    expect(r.code).toBe(0);
    const t = flat((await readPdf(r.out('programme.pdf'))).text.join(' '));
    expect(t).toContain('Organisation : Association des Régions de France et Cités Unies France');
    expect(t).toContain('Rapporteure : Anne MARTIN');
    expect(t).toContain('Séminaire — accueil à 11 h 30');
    expect(t).not.toContain('11 H 30');
    expect(t).toContain('Format : 120 personnes ; Public : élus et techniciens');
    expect(flat((await readPdf(r.out('participants.pdf'))).text.join(' '))).toContain('0 participant ');
  });

  it('one participant, singular; several, plural', async () => {
    const one = await build({ 'event.yaml': event('attendees: [anne]\n') }, 'participants.pdf');
    expect(flat((await readPdf(one.out('participants.pdf'))).text.join(' '))).toMatch(/1 participant(?!s)/);
    const two = await build({ 'event.yaml': event('attendees: [anne, paul]\n') }, 'participants.pdf');
    expect(flat((await readPdf(two.out('participants.pdf'))).text.join(' '))).toContain('2 participants');
  });

  it('English documents get English punctuation', async () => {
    const r = await build({ 'event.yaml': event('', 'en') }, 'programme.pdf,programme.html');
    const html = r.out('programme.html').toString();
    expect(html).toContain('Chair: ');
    expect(html).toContain('Format: 120 persons; Audience: élus');
    expect(html).toContain('Organised by Association des Régions de France and Cités Unies France');
    expect(html).not.toMatch(/[\u00a0\u202f ][:;]/);
    const t = flat((await readPdf(r.out('programme.pdf'))).text.join(' '));
    expect(t).toContain('Chair: Paul DURAND');
    expect(t).toContain('Rapporteur: Anne MARTIN');
  });
});

describe('ordinals and superscripts', () => {
  it('raise the suffix of French ordinals, in the HTML and the PDF', async () => {
    const r = await build(
      {
        'event.yaml': `event: { title: "Le 1er forum du XXIe siècle", description: "H<sub>2</sub>O et 10<sup>3</sup> habitants" }\ndays:\n  - date: 2012-03-01\n    sessions: [{ title: Ouverture, start: "9h", end: "10h" }]\n`,
      },
      'programme.pdf,programme.html',
    );
    expect(r.code).toBe(0);
    const html = r.out('programme.html').toString();
    expect(html).toContain('Le 1<sup class="ordinal">er</sup> forum du XXI<sup class="ordinal">e</sup> siècle');
    expect(html).toContain('jeudi 1<sup class="ordinal">er</sup>');
    expect(html).toContain('H<sub>2</sub>O et 10<sup>3</sup> habitants');
    const pages = await readPages(r.out('programme.pdf'));
    const items = body(pages[0]);
    const one = items.find((i) => i.str.endsWith('Le 1'))!;
    const er = items.find((i) => i.str === 'er' && Math.abs(i.x - (one.x + one.width)) < 1)!;
    expect(er, 'a raised "er" right after "1"').toBeDefined();
    expect(er.size).toBeLessThan(one.size * 0.8);
    expect(er.y).toBeGreaterThan(one.y + one.size * 0.2);
    const sub = items.find((i) => i.str === '2' && i.size < 8)!;
    const h = items.find((i) => i.str.endsWith('H') && Math.abs(i.x + i.width - sub.x) < 1)!;
    expect(sub.y).toBeLessThan(h.y);
  });
});

describe('the sign-in sheet', () => {
  const event = (attendees: number, blank?: number) =>
    `event: { title: Atelier }\n` +
    (attendees ? `attendees:\n${Array.from({ length: attendees }, (_, i) => `  - { name: Jean NOM${i}, org: Lyon }`).join('\n')}\n` : '') +
    (blank !== undefined ? `documents: { emargement: { blank_rows: ${blank} } }\n` : '') +
    `days:\n  - date: 2016-05-19\n    sessions: [{ title: S, start: "9h", end: "17h" }]\n`;

  it('with no attendees, fills one page with blank rows and spills none', async () => {
    const yaml = event(0).replace(
      'title: Atelier',
      'title: "La dimension économique du développement durable dans la coopération décentralisée : quelles synergies ?"',
    );
    const r = await build({ 'event.yaml': yaml }, 'emargement.pdf');
    expect(await readPages(r.out('emargement.pdf'))).toHaveLength(1);
    const info: PageInfo[] = [];
    await renderPdf(emargementDocument(checkLoaded(loadEventText(yaml, 'event.yaml')).model!, new Templates(), { draft: false }), { pages: info });
    expect(info).toHaveLength(1);
    expect(info[0].used / info[0].room).toBeGreaterThan(0.9); // down to the bottom of the page
  });

  it('heads each half-day column "Signature" over its date', async () => {
    const r = await build({ 'event.yaml': event(3) }, 'emargement.pdf');
    const items = body((await readPages(r.out('emargement.pdf')))[0]);
    const signatures = items.filter((i) => i.str === 'Signature');
    expect(signatures).toHaveLength(2);
    for (const [k, date] of ['jeu. 19 mai matin', 'jeu. 19 mai après-midi'].entries()) {
      // Under "Signature", in the same column: the half-day (on one or two lines).
      const under = items.filter((i) => Math.abs(i.x - signatures[k].x) < 0.5 && i.y < signatures[k].y && i.y > signatures[k].y - 30);
      expect(flat(under.map((i) => i.str).join(' '))).toBe(date);
    }
  });

  it('blank_rows keeps its meaning: that many blank rows, no more', async () => {
    const few = await renderSheet(event(0, 3));
    const many = await renderSheet(event(0, 60));
    expect(few.pages).toBe(1);
    expect(many.pages).toBeGreaterThan(1);
  });
});

async function renderSheet(yaml: string) {
  const r = await build({ 'event.yaml': yaml }, 'emargement.pdf');
  return readPdf(r.out('emargement.pdf'));
}

describe('the participant list grouped by organisation', () => {
  it('has one set of column widths and does not repeat the group in a column', async () => {
    const people = ['Anne MARTIN', 'Zoé BERNARD', 'Jean-Christophe DE LA FONTAINE-VILLENEUVE', 'Li MING']
      .map((n, i) => `  - { name: ${n}, role: Rôle${i}, org: ${i % 2 ? 'Ville de Lyon' : 'CUF'} }`)
      .join('\n');
    const r = await build(
      {
        'event.yaml': `event: { title: Options }\nattendees:\n${people}\ndocuments:\n  participants: { group_by: org }\ndays:\n  - date: 2026-03-02\n    sessions: [{ title: S, start: "9h", end: "10h" }]\n`,
      },
      'participants.pdf',
    );
    const items = body((await readPages(r.out('participants.pdf')))[0]);
    const roles = items.filter((i) => /^Rôle\d$/.test(i.str));
    expect(roles).toHaveLength(4);
    expect(new Set(roles.map((i) => Math.round(i.x))).size).toBe(1); // one column, one x
    expect(items.filter((i) => i.str === 'Ville de Lyon')).toHaveLength(0); // only in its group's title
    expect(items.filter((i) => i.str.startsWith('Ville de Lyon (2)'))).toHaveLength(1);
  });
});

describe('links', () => {
  it('a URL broken over lines is underlined and clickable under its own text only', async () => {
    const url = 'https://docs.google.com/forms/d/1v9SWBqkeXy2771F3HbX4BIioSeryd-t4fBWTE1jjXqA/viewform';
    const bytes = await renderPdf(
      doc(
        `<section class="minutes-body"><p>Voir le questionnaire en ligne à l’adresse <a href="${url}">${url}</a> avant la réunion du bureau qui se tiendra à Dunkerque.</p></section>`,
      ),
    );
    const [page] = await readPages(bytes);
    const links = page.links.filter((l) => l.url === url);
    expect(links).toHaveLength(2);
    // Each underline (a stroke in the link colour) lies under the link's text on its line.
    const underlines = (await readStrokes(bytes))[0].filter((s) => s.color === '#1f4e79');
    expect(underlines).toHaveLength(2);
    for (const u of underlines) {
      const link = links.find((l) => u.y1 > l.rect[1] - 1 && u.y1 < l.rect[3])!;
      expect(link).toBeDefined();
      expect(u.x1).toBeGreaterThanOrEqual(link.rect[0] - 0.5);
      expect(u.x2).toBeLessThanOrEqual(link.rect[2] + 0.5);
      expect(u.x2).toBeLessThanOrEqual(RIGHT + 0.5);
    }
    expect(text([page])).toContain('viewform avant la réunion');
  });

  it('only absolute http(s), mailto and tel links become link actions', async () => {
    const hrefs = [
      'https://example.org/a',
      'mailto:contact@example.org',
      'tel:+33123456789',
      '../../etc/passwd',
      '//evil.example/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      '/absolute/path',
    ];
    const pages = await pagesOf(`<p>${hrefs.map((h, i) => `<a href="${h}">lien${i}</a>`).join(' ')}</p>`);
    expect(pages[0].links.map((l) => l.url).sort()).toEqual(['https://example.org/a', 'mailto:contact@example.org', 'tel:+33123456789'].sort());
    expect(text(pages)).toContain('lien3 lien4 lien5 lien6 lien7 lien8'); // the text stays
  });
});
