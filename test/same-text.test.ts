/**
 * The invariant (issue #14): for every example, every test fixture that renders, and a sample
 * of valid inputs made by the fuzzer's kind of mutation, each PDF has the same words, in the
 * same order, as the same document's HTML (see same-text.ts). And on documents with long
 * paragraphs after headings, no page ends more than a third empty unless a page break, a
 * table row or a kept block forces it.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLoaded, checkProject } from '../src/project.js';
import { loadEventText } from '../src/load.js';
import type { MinutesModel } from '../src/minutes/model.js';
import type { EventModel } from '../src/model/event.js';
import { badgesDocument, emargementDocument, participantsDocument, speakersDocument } from '../src/render/attendees.js';
import { toHtmlPage, type DocumentTree } from '../src/render/document.js';
import { minutesDocument } from '../src/render/minutes.js';
import { renderPdf, type PageInfo } from '../src/render/pdf/engine.js';
import { programmeDocument } from '../src/render/programme.js';
import { grilleDocument } from '../src/render/grille.js';
import { Templates } from '../src/render/templates.js';
import { difference, htmlText, pdfText } from './same-text.js';
import { fixtureFolders, inputFolders, kindOf } from './fixture-harness.js';
import { builtExample, exampleDirs, fixturesRoot } from './helpers.js';

const EOL = '\u0001';

const repo = path.join(import.meta.dirname, '..');
const templates = new Templates();

/** The event's documents named by `keep` (all six when it says yes to every name), built only if kept. */
function eventDocuments(m: EventModel, keep: (name: string) => boolean = () => true): Array<[string, DocumentTree]> {
  const o = { draft: true, withContacts: true };
  const builders: Array<[string, () => DocumentTree]> = [
    ['programme', () => programmeDocument(m, templates, o)],
    // The timetable grid (#18): its blocks are written in the HTML's order, a block's lines
    // moved to a note right after it (pdf/grid.ts), so it reads the same word for word.
    ['grille', () => grilleDocument(m, templates, o)],
    ['participants', () => participantsDocument(m, templates, o)],
    ['emargement', () => emargementDocument(m, templates, o)],
    ['intervenants', () => speakersDocument(m, templates, o)],
    ['badges', () => badgesDocument(m, templates, o)],
  ];
  return builders.filter(([name]) => keep(name)).map(([name, build]) => [name, build()]);
}

/** Render a document both ways; the difference, or null. */
async function compare(doc: DocumentTree, pages?: PageInfo[]): Promise<string | null> {
  const html = htmlText(toHtmlPage(templates, doc));
  const pdf = await pdfText(await renderPdf(doc, { pages }));
  return difference(html, pdf);
}

async function project(file: string): Promise<{ events: EventModel[]; minutes: Array<[string, MinutesModel]> }> {
  const checked = await checkProject([{ abs: file, display: path.relative(repo, file) }], { cwd: path.dirname(file) });
  return {
    events: checked.events.flatMap((e) => (e.checked.model ? [e.checked.model] : [])),
    minutes: checked.minutes.flatMap((m) => (m.checked.model ? [[path.basename(m.input.abs), m.checked.model] as [string, MinutesModel]] : [])),
  };
}

describe('every example: the PDF says what the HTML says', () => {
  // The outputs `coop build --draft` wrote (shared with the accessibility and tagged-PDF
  // tests: builtExample), every PDF beside its HTML; the sign-in sheet and the badges have no
  // HTML output, so their HTML page is made here from the same document tree.
  for (const name of exampleDirs()) {
    it(
      name,
      async () => {
        const out = await builtExample(name);
        const problems: string[] = [];
        const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf'));
        expect(pdfs.length).toBeGreaterThan(0);
        for (const pdf of pdfs) {
          const html = path.join(out, pdf.replace(/\.pdf$/, '.html'));
          if (!existsSync(html)) continue;
          const d = difference(htmlText(readFileSync(html, 'utf8')), await pdfText(readFileSync(path.join(out, pdf))));
          if (d) problems.push(`${pdf}: ${d}`);
        }
        if (existsSync(path.join(repo, 'examples', name, 'event.yaml'))) {
          const { events } = await project(path.join(repo, 'examples', name, 'event.yaml'));
          expect(events.length).toBe(1);
          for (const [doc, tree] of eventDocuments(events[0], (n) => n === 'emargement' || n === 'badges')) {
            const d = await compare(tree);
            if (d) problems.push(`${doc}.pdf: ${d}`);
          }
        }
        expect(problems).toEqual([]);
      },
      60_000,
    );
  }
});

describe('every test fixture that renders', () => {
  // The event of every event case, and the events and minutes of the input folders and of
  // their subfolders' events (not the CSV files, not the bad-input corpus).
  const files: string[] = [];
  for (const name of fixtureFolders()) {
    const dir = path.join(fixturesRoot, name);
    if (kindOf(name) === 'event') files.push(path.join(dir, 'event.yaml'));
    else if (inputFolders.has(name) && name !== 'bad' && name !== 'csv') {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isFile() && /\.(yaml|md)$/.test(e.name)) files.push(path.join(dir, e.name));
        if (e.isDirectory() && existsSync(path.join(dir, e.name, 'event.yaml'))) files.push(path.join(dir, e.name, 'event.yaml'));
      }
    }
  }
  it(`${files.length} fixtures: programme, lists, sign-in sheet, badges and minutes`, async () => {
    const problems: string[] = [];
    let rendered = 0;
    for (const file of files) {
      let p: Awaited<ReturnType<typeof project>>;
      try {
        p = await project(file);
      } catch {
        continue; // not a loadable project (the bad-input corpus)
      }
      for (const m of p.events) {
        // The programme and the lists of every fixture; the other documents of one in five.
        const everyOne = rendered % 5 === 0;
        const docs = eventDocuments(m, (n) => n === 'programme' || n === 'participants' || everyOne);
        for (const [doc, tree] of docs) {
          const d = await compare(tree);
          rendered++;
          if (d) problems.push(`${path.relative(repo, file)} ${doc}.pdf: ${d}`);
        }
      }
      for (const [name, m] of p.minutes) {
        const d = await compare(minutesDocument(m, templates, { draft: true }));
        rendered++;
        if (d) problems.push(`${path.relative(repo, file)} ${name}: ${d}`);
      }
    }
    expect(rendered).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('valid inputs from the fuzzer’s mutations', () => {
  // Values of the seed example replaced by the fuzzer's kind of text (right-to-left, emoji,
  // punctuation, Unicode); the mutants that still check without error are rendered.
  const source = readFileSync(path.join(repo, 'examples', 'universites-automne', 'event.yaml'), 'utf8');
  const lines = source.split('\n');
  const valued = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*(title|role|name|description|topic|place|audience):\s*\S/.test(l));
  const pieces = [
    'مؤتمر التعاون',
    'כנס',
    '🎉',
    '«\u00a0a\u00a0»',
    "l'« adossement",
    'Ville "Test"',
    '1er',
    'XXIe siècle',
    '<b>x</b>',
    '&amp;',
    'a\u00adb',
    '東京都',
    'Ελλάδα',
    'https://example.org/a/very/long/path/that/breaks/lines/somewhere/in/the/middle',
    'x'.repeat(300),
    '   ',
    'é\u0301',
  ];
  const value = fc.oneof(
    fc.constantFrom(...pieces),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }).map((a) => a.join(' ')),
  );
  it('12 mutants of the seed example: the programme and participant list say the same in both media', async () => {
    const mutants = fc.sample(fc.array(fc.tuple(fc.nat({ max: valued.length - 1 }), value), { minLength: 1, maxLength: 4 }), { seed: 20120301, numRuns: 40 });
    const problems: string[] = [];
    let rendered = 0;
    for (const changes of mutants) {
      if (rendered >= 12) break;
      const copy = [...lines];
      for (const [k, v] of changes) {
        const [line, i] = valued[k];
        copy[i] = line.replace(/:\s.*$/, `: ${JSON.stringify(v)}`);
      }
      const checked = checkLoaded(loadEventText(copy.join('\n'), 'event.yaml'));
      if (!checked.model || checked.diagnostics.some((d) => d.severity === 'error')) continue;
      rendered++;
      for (const [doc, tree] of eventDocuments(checked.model, (n) => n === 'programme' || n === 'intervenants' || n === 'grille')) {
        const d = await compare(tree);
        if (d) problems.push(`${JSON.stringify(changes)} ${doc}.pdf: ${d}`);
      }
    }
    expect(rendered).toBeGreaterThanOrEqual(8);
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('the comparison itself', () => {
  const html = 'Décision n° 1 : Poursuite des travaux. Intervenants : Michel DELEBARRE, Pascal ALLIZARD. https://example.org/a/very/long/path fin';
  it('accepts line breaks between words and inside a word, and a hyphen added at a soft hyphen', () => {
    expect(
      difference(
        html,
        `Décision n° 1 : Poursuite des tra-${EOL}vaux.${EOL}Intervenants : Michel DELEBARRE, Pascal${EOL}ALLIZARD. https://example.org/a/${EOL}very/long/path fin`,
      ),
    ).toBeNull();
  });
  it('fails on a glued word, a lost item, a missing glyph, a dropped speaker', () => {
    expect(
      difference(html, `Décision n° 1 :Poursuite des travaux. Intervenants : Michel DELEBARRE, Pascal ALLIZARD. https://example.org/a/very/long/path fin`),
    ).toMatch(/differs/);
    expect(difference(html, `Décision n° 1 : Poursuite des travaux. Intervenants : Michel DELEBARRE, Pascal ALLIZARD.`)).toMatch(/ends early/);
    expect(
      difference(
        html,
        `Décision n° 1 : Poursuite des travaux. Intervenants : Michel DELEBARRE, Pascal ALLIZ\ufffdRD. https://example.org/a/very/long/path fin`,
      ),
    ).toMatch(/differs/);
    expect(difference(html, `Décision n° 1 : Poursuite des travaux. Intervenants : Michel DELEBARRE. https://example.org/a/very/long/path fin`)).toMatch(
      /differs/,
    );
  });
  it('reads block boundaries as spaces, a checkbox as a label (not text)', () => {
    expect(htmlText('<main><ul><li><input type="checkbox" checked disabled> Fait</li><li>Deux</li></ul><p>a<br>b</p></main>')).toBe('Fait Deux a b');
  });
});

describe('pages are filled', () => {
  // Documents with long paragraphs after headings: no page but the last ends more than a third
  // empty, unless a page break, a table row or a kept block (a timed row) forces it.
  const cases = ['test/fixtures/print/event.yaml', 'examples/reunion-sud-est-2016/event.yaml', 'examples/seminaire-2012/event.yaml'];
  for (const file of cases) {
    it(
      file,
      async () => {
        const { events, minutes } = await project(path.join(repo, file));
        const docs: Array<[string, DocumentTree]> = [
          ['programme', programmeDocument(events[0], templates, { draft: false })],
          ...minutes.map(([name, m]): [string, DocumentTree] => [name, minutesDocument(m, templates, { draft: false })]),
        ];
        const problems: string[] = [];
        for (const [name, doc] of docs) {
          const pages: PageInfo[] = [];
          await renderPdf(doc, { pages });
          pages.slice(0, -1).forEach((p, i) => {
            if (p.used < (2 / 3) * p.room && !['page-break', 'row', 'kept'].includes(p.end))
              problems.push(`${name} page ${i + 1}: ${Math.round((100 * p.used) / p.room)} % used, ended by ${p.end}`);
          });
        }
        expect(problems).toEqual([]);
      },
      60_000,
    );
  }
});
