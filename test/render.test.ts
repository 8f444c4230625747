import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderEvent } from '../src/build.js';
import { checkEventFile } from '../src/project.js';
import { loadEventText } from '../src/load.js';
import { checkLoaded } from '../src/project.js';
import type { EventModel } from '../src/model/event.js';
import { readPdf, type PdfFacts } from './pdf-read.js';

const repo = path.join(import.meta.dirname, '..');
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

async function renderFile(file: string, draft = false) {
  const checked = await checkEventFile(path.join(repo, file), file);
  expect(checked.model).not.toBeNull();
  const outputs = await renderEvent(checked.model!, { draft });
  const get = (name: string) => outputs.find((o) => o.name === name)!.bytes;
  return { model: checked.model!, html: get('programme.html') as string, pdf: get('programme.pdf') as Uint8Array };
}

function speakerNames(model: EventModel): string[] {
  return model.days.flatMap((d) =>
    d.sessions.flatMap((s) => [
      ...s.chair.map((p) => p.name),
      ...s.rapporteur.map((p) => p.name),
      ...s.items.flatMap((i) => i.speakers.map((sp) => sp.person?.name ?? sp.org!.name)),
    ]),
  );
}

describe('the seed programme (2012 seminar), rendered as a draft', () => {
  let seed: Awaited<ReturnType<typeof renderFile>>;
  let facts: PdfFacts;
  beforeAll(async () => {
    seed = await renderFile('examples/seminaire-2012/event.yaml', true);
    facts = await readPdf(seed.pdf);
  });

  it('is an A4 PDF of several pages with page numbers', () => {
    expect(facts.pages).toBeGreaterThanOrEqual(4);
    const n = facts.pages;
    // pdfjs joins the label and the total (drawn apart, in a form XObject) without a space
    facts.text.forEach((t, i) => expect(flat(t)).toMatch(new RegExp(`page ${i + 1} / ?${n}`)));
  });

  it('is A4', () => {
    for (const [w, h] of facts.sizes) {
      expect(Math.round(w)).toBe(595);
      expect(Math.round(h)).toBe(842);
    }
  });

  it('never leaves a heading alone at the bottom of a page', () => {
    facts.items.forEach((items, i) => {
      if (i === facts.pages - 1) return;
      const body = items.filter((it) => it.size > 8.5 && it.size < 100); // not the footer, not the PROJET mark
      const lowest = Math.min(...body.map((it) => it.y));
      const headings = body.filter((it) => it.size >= 11.4);
      for (const h of headings) expect(h.y, `page ${i + 1}: "${h.str}" is the last thing on the page`).toBeGreaterThan(lowest + 30);
    });
  });

  it('contains every speaker, chair and rapporteur by name', () => {
    const text = flat(facts.text.join('\n'));
    const names = speakerNames(seed.model);
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) expect(text).toContain(flat(name));
  });

  it('prints days, session time ranges and speaker statuses the French way', () => {
    const text = flat(facts.text.join('\n'));
    expect(text).toContain('jeudi 1er mars 2012');
    expect(text).toContain('vendredi 2 mars 2012');
    expect(text).toContain('9 h 40 – 9 h 50');
    expect(text).toContain('(pressenti)');
    expect(text).toContain('(pressentie)');
    expect(text).toContain('(sous réserve)');
    expect(text).toContain('(ou son représentant)');
    expect(text).toContain('PROJET');
  });

  it('embeds its fonts (no standard-14 font)', () => {
    expect(facts.fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of facts.fonts) {
      expect(f.embedded).toBe(true);
      expect(f.name).toMatch(/DejaVu/);
    }
  });

  it('has metadata and an outline of days and sessions', () => {
    expect(facts.info.Title).toBe(seed.model.title);
    expect(facts.info.Language).toBe('fr-FR');
    expect(facts.outline.map(flat)).toContain('jeudi 1er mars 2012');
    expect(facts.outline.some((t) => t.startsWith('III.'))).toBe(true);
  });

  it('keeps HTML and PDF from the same tree: same words in both', () => {
    const htmlText = flat(
      seed.html
        .replace(/<style[\s\S]*?<\/style>/, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#x27;/g, "'"),
    );
    for (const name of speakerNames(seed.model)) expect(htmlText).toContain(flat(name));
    expect(htmlText).toContain('9 h 40 – 9 h 50');
  });
});

describe('the clean example', () => {
  it('renders with rooms, chairs and reproducible bytes', async () => {
    const a = await renderFile('examples/universites-automne/event.yaml');
    const b = await renderFile('examples/universites-automne/event.yaml');
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    expect(a.html).toBe(b.html);
    const facts = await readPdf(a.pdf);
    const text = flat(facts.text.join('\n'));
    expect(text).toContain('Salle Jean Bart');
    expect(text).toContain('Animation : Marie DESHAYES');
    expect(text).not.toContain('PROJET');
    expect(text).toContain('du mardi 11 au mercredi 12 octobre 2016');
  });
});

describe('security of the HTML output', () => {
  it('escapes everything from the input and sanitises Markdown', async () => {
    const yaml = `event:
  title: "<script>alert(1)</script> & co"
  description: "Texte <img src=x onerror=alert(1)> [lien](javascript:alert(1)) **gras**"
people:
  x: { name: "<b>Evil</b>", role: "\\" onmouseover=\\"alert(1)" }
days:
  - date: 2012-03-01
    sessions:
      - title: "{{constructor}}"
        start: "9h"
        items:
          - { title: "<i>t</i>", duration: 10min, speakers: [x], description: "<script>x()</script>ok" }
`;
    const loaded = checkLoaded(loadEventText(yaml, 'e.yaml'));
    expect(loaded.diagnostics).toEqual([]);
    const outputs = await renderEvent(loaded.model!, { draft: false });
    const html = outputs.find((o) => o.name === 'programme.html')!.bytes as string;
    const body = html.slice(html.indexOf('<main>'));
    expect(body).not.toContain('<script');
    expect(body).not.toContain('<b>Evil');
    expect(body).not.toContain('<i>t</i>');
    expect(body).not.toContain('onerror');
    expect(body).not.toContain('javascript:');
    expect(body).not.toMatch(/<[^>]*\son\w+=/); // no event-handler attribute on any element
    expect(body).toContain('" onmouseover="alert(1)'); // the role is there, as inert text
    expect(body).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(body).toContain('<strong>gras</strong>');
    expect(body).toContain('{{constructor}}');
  });
});

describe('the layout file', () => {
  it('is plain HTML with the CSS inlined (a single file to send)', () => {
    const layout = readFileSync(path.join(repo, 'templates', 'layout.hbs'), 'utf8');
    expect(layout).toContain('{{{css}}}');
  });
});

describe('every script in one programme (French, Chinese, Japanese, Arabic)', () => {
  it('embeds a font for each script and keeps every line legible', async () => {
    const r = await renderFile('examples/cooperation-internationale/event.yaml');
    const facts = await readPdf(r.pdf);
    const fonts = facts.fonts.map((f) => f.name).join(' ');
    expect(fonts).toMatch(/DejaVuSansCondensed/);
    expect(fonts).toMatch(/NotoSansSC/);
    for (const f of facts.fonts) expect(f.embedded).toBe(true);
    const text = flat(facts.text.join('\n'));
    for (const s of ['上海与里昂的水务合作', '李明', '田中ゆき', '横浜市', 'Claire MARTIN']) expect(text).toContain(s);
    // Arabic is drawn in visual order; the extracted words are all there, whatever their order.
    for (const w of ['التراث', 'الثقافي', 'لمدينة', 'الرباط', 'سميرة', 'بناني']) expect(text).toContain(w);
    expect(text).not.toContain('\ufffd');
    expect(r.pdf.length).toBeLessThan(200_000); // subset, not the 10 MB CJK font
  });
});
