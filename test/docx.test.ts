/**
 * The Word files: read back from `word/document.xml` (always), and converted to PDF by
 * LibreOffice headless when it is installed (the check that Word-compatible software opens
 * them; skipped otherwise).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Element, Root } from 'hast';
import { Paragraph } from 'docx';
import { fromParse5 } from 'hast-util-from-parse5';
import { parse } from 'parse5';
import { describe, expect, it, vi } from 'vitest';
import { run } from './helpers.js';
import { readPdf } from './pdf-read.js';
import { readAttendeeFile } from '../src/attendees/file.js';
import { SHEET_LIMITS } from '../src/attendees/workbook.js';
import { DocumentBody } from '../src/render/document.js';
import { renderDocx } from '../src/render/docx/index.js';

const repo = path.join(import.meta.dirname, '..');
const example = 'examples/reunion-sud-est-2016/event.yaml';
const tmp = () => mkdtempSync(path.join(tmpdir(), 'coop-docx-'));

function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}
/** The text of a WordprocessingML part: its w:t runs, a space between paragraphs and cells. */
function wordText(xml: string): string {
  return xml
    .replace(/<w:tab\/>|<w:br\/>|<\/w:p>|<\/w:tc>/g, ' ')
    .replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
const words = (s: string) => s.split(/[\s\u00a0\u202f]+/).filter(Boolean);

let built: { dir: string; code: number } | null = null;
async function buildExample(): Promise<string> {
  if (!built) {
    const dir = tmp();
    const r = await run(['build', example, '-o', dir, '--draft', '--only', 'compte-rendu.docx,compte-rendu.html,programme.docx,programme.html'], repo);
    built = { dir, code: r.code };
  }
  return built.dir;
}

describe('NAME.docx and programme.docx', () => {
  it('say what the HTML says, word for word (a task checkbox aside)', async () => {
    const dir = await buildExample();
    for (const name of ['compte-rendu', 'programme']) {
      const doc = parts(readFileSync(path.join(dir, `${name}.docx`)))['word/document.xml'];
      const html = fromParse5(parse(readFileSync(path.join(dir, `${name}.html`), 'utf8'))) as Root;
      const main = textOf(findMain(html));
      expect(words(wordText(doc).replace(/[☑☐]/g, '')), name).toEqual(words(main));
    }
  });

  it('have Word headings, lists, tables with repeated headers, the decisions, the actions and the annex', async () => {
    const dir = await buildExample();
    const p = parts(readFileSync(path.join(dir, 'compte-rendu.docx')));
    const doc = p['word/document.xml'];
    for (const h of ['Heading1', 'Heading2', 'Heading3']) expect(doc).toContain(`<w:pStyle w:val="${h}"/>`);
    expect(wordText(doc.slice(doc.indexOf('<w:pStyle w:val="Heading1"/>'))).replace(/\u00a0/g, ' ')).toMatch(
      /^Atelier « La coopération économique internationale des collectivités »/,
    );
    expect(doc).toMatch(/<w:numPr><w:ilvl w:val="1"\/>/); // a nested list
    expect(doc).toContain('<w:tblHeader/>'); // header rows repeat
    expect(doc).toContain('<w:cantSplit/>');
    const text = wordText(doc);
    expect(text).toContain('Relevé de décisions');
    expect(text).toContain('Décision n°\u00a01\u00a0: Poursuite des travaux');
    expect(text).toMatch(/Suites à donner.*Envoyer le compte rendu aux participants.*Tanguy SPECQ.*15\/06\/2016.*Fait/s);
    expect(text).toMatch(/Annexe — liste des participants.*Juliette CANTAU.*Grand Lyon.*Présente/s);
    // French typography kept: no-break space before the colon, guillemets with their spaces.
    expect(text).toContain('Contexte');
    expect(text).toContain('«\u00a0retour sur investissement\u00a0»');
    // The link to the questionnaire is a real hyperlink; nothing else becomes one.
    const rels = p['word/_rels/document.xml.rels'];
    expect(rels).toContain('Target="https://docs.google.com/forms/d/1v9SWBqkeXy2771F3HbX4BIioSeryd-t4fBWTE1jjXqA/viewform"');
    expect(rels).toMatch(/TargetMode="External"/);
    // Metadata: title, author, language, fixed dates.
    expect(p['docProps/core.xml']).toContain('<dc:title>Atelier «\u00a0La coopération économique internationale des collectivités\u00a0»</dc:title>');
    expect(p['docProps/core.xml']).toContain('2016-05-19T00:00:00Z');
    expect(p['word/styles.xml']).toContain('w:val="fr-FR"');
  });

  it('carry the PROJET mark as a page header and a watermark in a draft, not in the final version', async () => {
    const dir = await buildExample();
    const draft = parts(readFileSync(path.join(dir, 'compte-rendu.docx')));
    const header = Object.entries(draft).find(([k]) => /^word\/header\d*\.xml$/.test(k))?.[1] ?? '';
    expect(wordText(header)).toContain('PROJET — Document de travail — ne pas diffuser');
    expect(header).toMatch(/<v:textpath[^>]*string="PROJET"/);
    const out = tmp();
    await run(['build', example, '-o', out, '--only', 'compte-rendu.docx'], repo);
    const final = parts(readFileSync(path.join(out, 'compte-rendu.docx')));
    expect(Object.keys(final).some((k) => /^word\/header\d*\.xml$/.test(k))).toBe(false);
    expect(wordText(final['word/footer1.xml'] ?? '')).toContain('page');
  });

  it('are byte-identical from one build to the next', async () => {
    const a = tmp();
    const b = tmp();
    await run(['build', example, '-o', a, '--only', 'compte-rendu.docx,programme.docx'], repo);
    // A day and a second later by the clock (Date alone is faked): no clock in the bytes.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 86_401_000 });
    try {
      await run(['build', example, '-o', b, '--only', 'compte-rendu.docx,programme.docx'], repo);
    } finally {
      vi.useRealTimers();
    }
    for (const f of ['compte-rendu.docx', 'programme.docx']) expect(Buffer.compare(readFileSync(path.join(a, f)), readFileSync(path.join(b, f))), f).toBe(0);
    // A draft too: its watermark shape had a random id.
    await run(['build', example, '-o', a, '--draft', '--only', 'programme.docx'], repo);
    await run(['build', example, '-o', b, '--draft', '--only', 'programme.docx'], repo);
    expect(parts(readFileSync(path.join(a, 'programme.docx')))['word/header1.xml']).toContain('PowerPlusWaterMarkObject1"');
    expect(Buffer.compare(readFileSync(path.join(a, 'programme.docx')), readFileSync(path.join(b, 'programme.docx'))), 'draft').toBe(0);
  });

  it('mark right-to-left runs and East Asian runs, so Word picks their fonts', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'cr.md'),
      '---\nkind: minutes\ntitle: Réunion\ndate: 2016-05-19\npresent:\n  - { name: محمد العلوي, role: Maire de Rabat }\n  - { name: 王伟, role: 市长 }\n---\n\n# Échanges\n\nAccueil par محمد العلوي et 王伟 (Chengdu).\n',
    );
    const r = await run(['build', 'cr.md', '-o', path.join(dir, 'out'), '--only', 'cr.docx'], dir);
    expect(r.code).toBe(0);
    const doc = parts(readFileSync(path.join(dir, 'out', 'cr.docx')))['word/document.xml'];
    expect(doc).toMatch(/<w:rtl\/>(?:(?!<w:r>).)*<w:t[^>]*>محمد العلوي<\/w:t>/s);
    expect(doc).toMatch(/<w:rFonts w:hint="eastAsia"\/>(?:(?!<w:r>).)*<w:t[^>]*>王伟<\/w:t>/s);
  });

  it('make the body part by part: a part is formatted before the next is parsed, its lists numbered in order', async () => {
    // Three sections of 270 KB, each with an ordered list of its own: DocumentBody cuts them in parts of about 256 KB.
    const part = (n: number) =>
      `<h2>Partie ${n}</h2>\n<ol><li>un ${n}</li><li>deux ${n}</li></ol>\n${'<p>Texte assez long pour remplir la partie.</p>\n'.repeat(6000)}`;
    const body = new DocumentBody([1, 2, 3].map(part).join(''), 'fr');
    const events: string[] = [];
    const parse = body.parts.bind(body);
    body.parts = function* () {
      for (const tree of parse()) {
        events.push('parsed');
        yield tree;
      }
    };
    const original = Paragraph.prototype.prepForXml;
    const format = vi.spyOn(Paragraph.prototype, 'prepForXml').mockImplementation(function (this: Paragraph, context) {
      if (events.at(-1) !== 'formatted') events.push('formatted');
      return original.call(this, context);
    });
    try {
      const bytes = await renderDocx({ body, locale: 'fr', title: 'T', subject: 'S', author: 'A', draft: false, date: new Date('2026-03-02T00:00:00Z') });
      const parsed = events.filter((e) => e === 'parsed').length;
      expect(parsed).toBeGreaterThanOrEqual(3);
      expect(events).toEqual(Array.from({ length: parsed }, () => ['parsed', 'formatted']).flat());
      const doc = parts(bytes)['word/document.xml'];
      expect(words(wordText(doc)).filter((w) => /^Partie|^\d$/.test(w))).toEqual(['Partie', '1', '1', '1', 'Partie', '2', '2', '2', 'Partie', '3', '3', '3']);
      // Each list restarts: its own numbering instance, in the order of the lists.
      expect([...doc.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1])).toEqual(['2', '2', '3', '3', '4', '4']);
    } finally {
      format.mockRestore();
    }
  });
});

/** The text of an HTML tree, with a space where a block or a cell ends (as a reader sees it). */
function textOf(n: Root | Element | { type: string; value?: string }): string {
  if (n.type === 'text') return (n as { value: string }).value;
  if (n.type === 'element' && ['script', 'style'].includes((n as Element).tagName)) return '';
  const inner = 'children' in n ? (n.children as Array<Element>).map(textOf).join('') : '';
  return n.type === 'element' && /^(p|li|td|th|h\d|div|section|header|tr|blockquote)$/.test((n as Element).tagName) ? `${inner} ` : inner;
}

function findMain(node: Root): Element {
  let found: Element | null = null;
  const walk = (n: { children?: unknown[] }) => {
    for (const c of (n.children ?? []) as Element[]) {
      if (found) return;
      if (c.type === 'element' && c.tagName === 'main') found = c;
      else if (c.type === 'element') walk(c);
    }
  };
  walk(node);
  if (!found) throw new Error('no <main>');
  return found;
}

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
/** Calc is a separate Debian package (libreoffice-calc-nogui): the CSV import needs it. */
const calc =
  soffice &&
  existsSync(path.join(path.dirname(realpathSync(spawnSync('which', ['soffice'], { encoding: 'utf8' }).stdout.trim() || '/nonexistent')), 'libsclo.so'));

describe.skipIf(!soffice)('opened by LibreOffice (installed here)', () => {
  it('converts the compte rendu and the programme to PDF with their text', { timeout: 120_000 }, async () => {
    const dir = await buildExample();
    const out = path.join(tmp(), 'pdf');
    mkdirSync(out);
    // One LibreOffice start for both files; its own profile folder, so parallel runs do not collide.
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${out}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        path.join(dir, 'compte-rendu.docx'),
        path.join(dir, 'programme.docx'),
      ],
      { stdio: 'ignore', timeout: 110_000 },
    );
    const cr = await readPdf(readFileSync(path.join(out, 'compte-rendu.pdf')));
    const text = cr.text.join('\n').replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(cr.pages).toBeGreaterThanOrEqual(3);
    expect(cr.sizes[0].map(Math.round)).toEqual([595, 842]); // A4
    for (const s of [
      'Atelier « La coopération économique internationale des collectivités »',
      'Relevé de décisions',
      'Suites à donner',
      'Annexe — liste des participants',
      'Sigolène SAUNIER-HRUSTIC',
      'PROJET — Document de travail',
    ]) {
      expect(text, s).toContain(s);
    }
    const prog = await readPdf(readFileSync(path.join(out, 'programme.pdf')));
    expect(prog.text.join(' ').replace(/[\s\u00a0\u202f]+/g, ' ')).toContain('Accueil, introduction');
  });

  it.skipIf(!calc)('imports participants.csv (LibreOffice Calc) with every formula-like cell as text, not as a formula', { timeout: 120_000 }, async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'inscrits.csv'), 'Nom;Fonction;Téléphone\nJean DUPONT;=1+2;+33 1 42 34 20 00\nAnne MARTIN;"@SUM(1;2)";-5+1\n');
    writeFileSync(
      path.join(dir, 'event.yaml'),
      'event: { title: Réunion }\nattendees:\n  - file: inscrits.csv\ndays:\n  - date: 2016-05-19\n    sessions:\n      - { title: Atelier, start: "14h", end: "17h" }\n',
    );
    expect((await run(['build', 'event.yaml', '-o', dir, '--only', 'participants.csv', '--with-contacts'], dir)).code).toBe(0);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--infilter=CSV:59,34,76,1',
        '--convert-to',
        'ods',
        '--outdir',
        dir,
        path.join(dir, 'participants.csv'),
      ],
      { stdio: 'ignore', timeout: 110_000 },
    );
    const ods = readFileSync(path.join(dir, 'participants.ods'));
    expect(strFromU8(unzipSync(ods)['content.xml'])).not.toContain('table:formula');
    const { people } = await readAttendeeFile(ods, '/x.ods', 'participants.ods', {
      sheet: null,
      sheetPlace: null,
      filePlace: { file: 'x', line: 1, column: 1, endLine: 1, endColumn: 1 },
      locale: 'fr',
      ...SHEET_LIMITS,
    });
    expect(people.map((p) => [p.role, p.phone])).toEqual([
      ["'=1+2", "'+33 1 42 34 20 00"],
      ["'@SUM(1;2)", "'-5+1"],
    ]);
  });
});
