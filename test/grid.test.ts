/**
 * The timetable grid (issue #18, FORMAT.md §5.4): grille.html and grille.pdf. The grid's data
 * (columns, rows, spans, pages) from the model; the PDF read back — blocks of parallel sessions
 * side by side, heights proportional to durations, no block cut across pages, every item's
 * title present, the same words as the HTML; conflicts marked on a draft grid.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLoaded, checkProject } from '../src/project.js';
import { loadEventText } from '../src/load.js';
import type { EventModel } from '../src/model/event.js';
import { toHtmlPage, type DocumentTree } from '../src/render/document.js';
import { GRID_PAPERS, gridPages, type GridCellView, type GridPageView } from '../src/render/grid.js';
import { gridNotes } from '../src/render/grid-notes.js';
import { grilleDocument } from '../src/render/grille.js';
import { renderPdf } from '../src/render/pdf/engine.js';
import { programmeDocument } from '../src/render/programme.js';
import { Templates } from '../src/render/templates.js';
import { applyTypography } from '../src/typography/index.js';
import { run } from './helpers.js';
import { readPages, readStrokes, type PdfPage } from './pdf-read.js';
import { difference, htmlText, pdfText } from './same-text.js';

const repo = path.join(import.meta.dirname, '..');
const templates = new Templates();

async function example(name: string) {
  const file = path.join(repo, 'examples', name, 'event.yaml');
  const c = await checkProject([{ abs: file, display: path.relative(repo, file) }], { cwd: repo });
  return c.events[0].checked;
}

function fromYaml(yaml: string) {
  const checked = checkLoaded(loadEventText(yaml, 'event.yaml'));
  if (!checked.model) throw new Error(JSON.stringify(checked.diagnostics));
  return checked;
}

const a4 = (m: EventModel, draft = false) => gridPages(m, { draft, paper: GRID_PAPERS.a4 });
const cellsOf = (p: GridPageView): GridCellView[] => p.rows.flatMap((r) => r.cells);
const titlesIn = (c: GridCellView) => [c.item?.title, c.session?.title, ...c.headings.map((h) => h.title)].filter((t): t is string => !!t);

/** Three rooms in parallel after a plenary, a meal, an afternoon plenary: distinct titles to find in the PDF. */
const PARALLEL = `
event: { title: Grille d’essai, locale: fr }
rooms:
  a: { name: Salle A }
  b: { name: Salle B }
  c: { name: Salle C }
people:
  dupont: { name: Jean DUPONT, civility: M. }
  durand: { name: Anne DURAND, civility: Mme }
  martin: { name: Paul MARTIN, civility: M. }
  lefort: { name: Marie LEFORT, civility: Mme }
days:
  - date: 2026-03-02
    sessions:
      - title: Ouverture
        room: a
        start: 9h
        items:
          - { title: Accueil des participants, duration: 30min, speakers: [dupont] }
      - title: Atelier eau
        kind: workshop
        room: a
        start: 9h30
        end: 11h
        items:
          - { title: Eau un, duration: 15min, speakers: [durand] }
          - { title: Eau deux, duration: 45min, speakers: [{ person: martin, status: tentative }] }
          - { title: Eau trois, duration: 30min }
      - title: Atelier déchets
        kind: workshop
        room: b
        start: 9h30
        end: 11h
        items:
          - { title: Déchets un, duration: 30min, speakers: [lefort] }
          - { title: Déchets deux, duration: 60min }
      - { title: Atelier énergie, kind: workshop, room: c, start: 9h45, end: 10h45 }
      - { title: Déjeuner, kind: meal, start: 12h, end: 13h30 }
      - title: Synthèse
        room: a
        start: 13h30
        items:
          - { title: Restitution, duration: 20min }
          - { title: Débat final, kind: debate, duration: 40min }
`;

describe('the grid’s data', () => {
  it('seed 004: four workshops side by side, the room still to assign in a column of its own, untimed parts inside their block', async () => {
    const m = (await example('forum-2023-atelier')).model!;
    const pages = a4(m);
    expect(pages).toHaveLength(1);
    const [p] = pages;
    expect(p.columns.map((c) => c.name)).toEqual(['Amphi G. Berger', 'Salle L. Armand Ouest', 'Salle 2', 'Salle à préciser']);
    expect(p.corner).toBe('Horaire');
    // The four workshops start in the first row and span the same rows.
    const first = p.rows[0].cells.filter((c) => c.session);
    expect(first).toHaveLength(4);
    expect(new Set(first.map((c) => c.rowspan))).toEqual(new Set([p.rows.length]));
    expect(first.map((c) => c.room)).toEqual(['Amphi G. Berger', 'Salle L. Armand Ouest', 'Salle 2', 'Salle à préciser']);
    // The parts without times are listed in their workshop's block, in order, without times.
    expect(first[0].session!.parts.map((x) => x.title)).toEqual([
      'Mot d’accueil',
      'Témoignages',
      'Échanges avec la salle',
      'Éléments de conclusion et perspectives',
    ]);
    expect(first[0].session!.title).toMatch(/^Atelier 1 — L’action internationale/);
    // 11 h 30 – 13 h: a ruler every 15 minutes.
    expect(p.step).toBe(15);
    expect(
      cellsOf(p)
        .filter((c) => c.ruler)
        .map((c) => c.ruler),
    ).toEqual(['11\u00a0h\u00a030', '11\u00a0h\u00a045', '12\u00a0h', '12\u00a0h\u00a015', '12\u00a0h\u00a030', '12\u00a0h\u00a045']);
  });

  it('a plenary spans every column, parallel sessions take their rooms’ columns, a meal alone is a band', () => {
    const m = fromYaml(PARALLEL).model!;
    const [p] = a4(m);
    expect(p.lanes).toBe(3);
    expect(p.columns.map((c) => c.name)).toEqual(['Salle A', 'Salle B', 'Salle C']);
    const cell = (title: string) => cellsOf(p).find((c) => titlesIn(c).includes(title))!;
    expect(cell('Accueil des participants').colspan).toBe(3);
    expect(cell('Eau un').colspan).toBeNull();
    expect(cell('Eau un').room).toBe('Salle A');
    expect(cell('Déchets un').room).toBe('Salle B');
    expect(cell('Atelier énergie').room).toBe('Salle C');
    const band = p.rows.find((r) => r.classes.includes('grid-break'))!;
    expect(band.timed).toBe(false);
    expect(band.cells.some((c) => c.session?.title === 'Déjeuner')).toBe(true);
    // Timed rows carry their minutes; each block spans rows adding up to its duration.
    const rowIndex = (c: GridCellView) => p.rows.findIndex((r) => r.cells.includes(c));
    const minutes = (c: GridCellView) => p.rows.slice(rowIndex(c), rowIndex(c) + (c.rowspan ?? 1)).reduce((n, r) => n + (r.timed ? r.end! - r.start! : 0), 0);
    expect(minutes(cell('Eau un'))).toBe(15);
    expect(minutes(cell('Eau deux'))).toBe(45);
    expect(minutes(cell('Déchets deux'))).toBe(60);
    // The tentative speaker is marked, and the legend says what the mark means.
    expect(cell('Eau deux').item!.speakers).toEqual([{ name: 'Paul MARTIN', mark: '*', markTitle: 'pressenti', declined: false, last: true }]);
    expect(p.legend).toBe('* intervenant·e pressenti·e ou sous réserve');
  });

  it('every row of the table has as many slots as there are lanes and the ruler (the HTML table is rectangular)', async () => {
    for (const m of [fromYaml(PARALLEL).model!, (await example('seminaire-2012')).model!, (await example('rencontres-franco-chinoises')).model!]) {
      for (const p of a4(m)) {
        const taken = p.rows.map(() => 0);
        p.rows.forEach((r, i) => {
          for (const c of r.cells) for (let k = i; k < i + (c.rowspan ?? 1); k++) taken[k] += c.colspan ?? 1;
        });
        expect(taken).toEqual(p.rows.map(() => p.lanes + 1));
      }
    }
  });

  it('a day too long for a page is cut in half-days between sessions, never through one', async () => {
    const m = (await example('seminaire-2012')).model!;
    const pages = a4(m);
    const day1 = pages.filter((p) => p.date === '2012-03-01');
    expect(day1.map((p) => p.heading.replace(/\u00a0/g, ' '))).toEqual(['jeudi 1er mars 2012 — matin', 'jeudi 1er mars 2012 — après-midi']);
    // Sessions II and III overlap in the same room (an error): two lanes of one column, side by side.
    const afternoon = day1[1];
    expect(afternoon.lanes).toBe(2);
    const headings = afternoon.rows[0].cells.flatMap((c) => c.headings.map((h) => h.title));
    expect(headings).toEqual(['II. Dynamique des actions de coopération en réseau, objectifs et limites', 'III. Valeur ajoutée de l’action extérieure des CT']);
    // Every item of the day is on exactly one page.
    const titles = day1.flatMap((p) => cellsOf(p).flatMap((c) => (c.item ? [c.item.title] : [])));
    const expected = m.days[0].sessions.flatMap((s) => s.items.map((i) => i.title));
    expect(titles.sort()).toEqual(expected.sort());
  });

  it('more rooms than a page holds: whole rooms on several grids, each with its ruler; A3 takes twelve', () => {
    const rooms = Array.from({ length: 10 }, (_, i) => `  r${i}: { name: Salle ${i + 1} }`).join('\n');
    const sessions = Array.from({ length: 10 }, (_, i) => `      - { title: Atelier ${i + 1}, kind: workshop, room: r${i}, start: 9h, end: 10h30 }`).join('\n');
    const m = fromYaml(
      `event: { title: Dix salles }\nrooms:\n${rooms}\ndays:\n  - date: 2026-03-02\n    sessions:\n      - { title: Plénière, start: 8h, end: 9h }\n${sessions}\n`,
    ).model!;
    const pages = a4(m);
    expect(pages.map((p) => p.heading.replace(/\u00a0/g, ' '))).toEqual(['lundi 2 mars 2026 (partie 1/2)', 'lundi 2 mars 2026 (partie 2/2)']);
    expect(pages.map((p) => p.lanes)).toEqual([8, 2]);
    expect(pages[1].columns.map((c) => c.name)).toEqual(['Salle 9', 'Salle 10']);
    // The plenary spans every column of each grid; each grid has its ruler.
    for (const p of pages) {
      expect(cellsOf(p).find((c) => c.session?.title === 'Plénière')!.colspan).toBe(p.lanes > 1 ? p.lanes : null);
      expect(cellsOf(p).some((c) => c.ruler)).toBe(true);
    }
    const a3 = gridPages(m, { draft: false, paper: GRID_PAPERS.a3 });
    expect(a3).toHaveLength(1);
    expect(a3[0].lanes).toBe(10);
    // In English.
    const en = fromYaml(`event: { title: Ten rooms, locale: en }\nrooms:\n${rooms}\ndays:\n  - date: 2026-03-02\n    sessions:\n${sessions}\n`).model!;
    const [first] = a4(en);
    expect(first.corner).toBe('Time');
    expect(first.heading.replace(/\u00a0/g, ' ')).toBe('Monday 2 March 2026 (part 1/2)');
  });

  it('a session without times is listed under the day’s grid; a declined speaker shows only in a draft, struck through', () => {
    const m = fromYaml(`
event: { title: Essai }
people:
  a: { name: Anne ABADIE }
  b: { name: Bruno BERTRAND }
days:
  - date: 2026-03-02
    sessions:
      - { title: Table ronde, start: 9h, end: 10h, items: [{ title: Débat, duration: 60min, speakers: [a, { person: b, status: declined }] }] }
      - { title: Visite, kind: workshop }
`).model!;
    const [p] = a4(m);
    expect(p.unplaced).toEqual([{ title: 'Visite', room: null }]);
    const debate = cellsOf(p).find((c) => c.item?.title === 'Débat')!;
    expect(debate.item!.speakers.map((s) => s.name)).toEqual(['Anne ABADIE']);
    const [d] = a4(m, true);
    expect(cellsOf(d).find((c) => c.item?.title === 'Débat')!.item!.speakers).toEqual([
      { name: 'Anne ABADIE', mark: null, markTitle: null, declined: false, last: false },
      { name: 'Bruno BERTRAND', mark: null, markTitle: null, declined: true, last: true },
    ]);
  });
});

describe('conflicts on a draft grid', () => {
  async function marked(fixture: string) {
    const file = path.join(repo, 'test', 'fixtures', fixture, 'event.yaml');
    const c = (await checkProject([{ abs: file, display: 'event.yaml' }], { cwd: path.dirname(file) })).events[0].checked;
    const notes = gridNotes(c.model!, c.source!, c.diagnostics);
    const pages = gridPages(c.model!, { draft: true, paper: GRID_PAPERS.a4, notes });
    return { notes, pages, diagnostics: c.diagnostics };
  }
  const flagged = (pages: GridPageView[]) =>
    pages.flatMap((p) => cellsOf(p).flatMap((c) => [c.item, c.session, ...c.headings].flatMap((v) => (v?.flags ? [`${v.title} ${v.flags}`] : []))));

  it('a speaker booked twice: both talks framed, one note giving the diagnostic', async () => {
    const { notes, pages, diagnostics } = await marked('speaker-double-booked');
    const d = diagnostics.filter((x) => x.rule === 'schedule/speaker-double-booked').sort((a, b) => a.line - b.line || a.column - b.column)[0];
    expect(notes[0].text).toBe(`event.yaml:${d.line}:${d.column} schedule/speaker-double-booked — ${d.message}`);
    expect(notes[0].targets).toHaveLength(2);
    expect(flagged(pages).filter((f) => f.endsWith('⚠\u00a01'))).toHaveLength(2);
    expect(pages.flatMap((p) => p.notes).map((n) => n.n)).toContain(1);
    expect(cellsOf(pages[0]).filter((c) => c.classes.includes('grid-conflict')).length).toBeGreaterThanOrEqual(2);
  });

  it('two sessions in one room: both sessions marked', async () => {
    const { notes, pages } = await marked('session-overlap');
    const n = notes.find((x) => x.text.includes('schedule/session-overlap'))!;
    expect(n.targets).toHaveLength(2);
    expect(n.targets.every((t) => /^d\d+s\d+$/.test(t))).toBe(true);
    expect(flagged(pages).filter((f) => f.includes(`⚠\u00a0${n.n}`))).toHaveLength(2);
  });

  it('an item outside its session: the item and its session marked', async () => {
    const { notes } = await marked('outside-session');
    const n = notes.find((x) => x.text.includes('schedule/outside-session'))!;
    expect(n.targets.some((t) => /i\d+$/.test(t))).toBe(true);
    expect(n.targets.some((t) => /^d\d+s\d+$/.test(t))).toBe(true);
  });

  it('a clean programme has no note; infos mark nothing', async () => {
    const { notes } = await marked('speaker-double-booked-ok');
    expect(notes).toEqual([]);
  });
});

/** The blocks of each page, from their frames: pairs of vertical rules with the same extent. */
async function blocksOf(bytes: Uint8Array) {
  const strokes = await readStrokes(bytes);
  return strokes.map((list) => {
    const groups = new Map<string, number[]>();
    for (const s of list) {
      if (Math.abs(s.x2 - s.x1) > 0.01 || !['#8a9bb0', '#c00000'].includes(s.color)) continue;
      const key = `${s.y1.toFixed(2)}:${s.y2.toFixed(2)}`;
      groups.set(key, [...(groups.get(key) ?? []), s.x1]);
    }
    const out: Array<{ x1: number; x2: number; bottom: number; top: number }> = [];
    for (const [key, xs] of groups) {
      const [bottom, top] = key.split(':').map(Number);
      xs.sort((a, b) => a - b);
      for (let i = 0; i + 1 < xs.length; i += 2) out.push({ x1: xs[i], x2: xs[i + 1], bottom, top });
    }
    return out;
  });
}

/** The block holding the text item that contains `text`, on its page. */
function blockOf(pages: PdfPage[], blocks: Awaited<ReturnType<typeof blocksOf>>, text: string) {
  for (let i = 0; i < pages.length; i++) {
    const item = pages[i].items.find((it) => it.str.includes(text));
    if (!item) continue;
    const b = blocks[i]
      .filter((k) => k.x1 < item.x && item.x < k.x2 && k.bottom < item.y && item.y < k.top)
      .sort((a, b) => a.top - a.bottom - (b.top - b.bottom))[0];
    return { page: i, item, block: b };
  }
  throw new Error(`"${text}" is not in the PDF`);
}

describe('grille.pdf read back', () => {
  it('parallel sessions side by side, heights proportional to durations, the same words as the HTML', async () => {
    const m = fromYaml(PARALLEL).model!;
    const doc = grilleDocument(m, templates, { draft: false });
    const bytes = await renderPdf(doc);
    const pages = await readPages(bytes);
    expect(pages).toHaveLength(1);
    expect([pages[0].width, pages[0].height].map(Math.round)).toEqual([842, 595]); // A4 landscape
    const blocks = await blocksOf(bytes);
    const at = (t: string) => blockOf(pages, blocks, t).block;
    const eau = at('Eau un');
    const dechets = at('Déchets un');
    const energie = at('Atelier énergie');
    // Side by side: overlapping vertical ranges, distinct columns, in the rooms' order.
    for (const [a, b] of [
      [eau, dechets],
      [dechets, energie],
    ]) {
      expect(Math.min(a.top, b.top) - Math.max(a.bottom, b.bottom)).toBeGreaterThan(5);
      expect(a.x2).toBeLessThan(b.x1);
    }
    // Heights proportional to durations (blocks are drawn 1 pt short of their rows).
    const durations: Array<[string, number]> = [
      ['Eau un', 15],
      ['Eau deux', 45],
      ['Eau trois', 30],
      ['Déchets un', 30],
      ['Déchets deux', 60],
      ['Restitution', 20],
      ['Débat final', 40],
      ['Accueil des participants', 30],
    ];
    const scale = (at('Eau deux').top - at('Eau deux').bottom + 1) / 45;
    expect(scale).toBeGreaterThan(1);
    for (const [t, min] of durations) expect(at(t).top - at(t).bottom + 1).toBeCloseTo(min * scale, 1);
    // Blocks that start together have the same top; the energy workshop (shown whole, no
    // items) starts 15 minutes later and lasts an hour.
    expect(eau.top).toBeCloseTo(dechets.top, 1);
    expect(dechets.top - energie.top).toBeCloseTo(15 * scale, 1);
    expect(energie.top - energie.bottom + 1).toBeCloseTo(60 * scale, 1);
    // The same words as the HTML page, in the same order.
    expect(difference(htmlText(toHtmlPage(templates, doc)), await pdfText(bytes))).toBeNull();
  });

  it('seed 004 (forum-2023-atelier): four workshops at the same height in four columns, each title present', async () => {
    const m = (await example('forum-2023-atelier')).model!;
    const bytes = await renderPdf(grilleDocument(m, templates, { draft: false }));
    const pages = await readPages(bytes);
    const blocks = await blocksOf(bytes);
    const found = ['Atelier 1', 'Les collectivités face', 'Éducation à la citoyenneté', 'Accès à l’énergie'].map((t) => blockOf(pages, blocks, t).block);
    for (let i = 1; i < found.length; i++) {
      expect(found[i].top).toBeCloseTo(found[0].top, 1);
      expect(found[i].bottom).toBeCloseTo(found[0].bottom, 1);
      expect(found[i].x1).toBeGreaterThan(found[i - 1].x2);
    }
    const text = (await pdfText(bytes)).replace(/\s|\u0001/g, '');
    for (const s of m.days[0].sessions)
      for (const t of [s.title, ...s.items.map((i) => i.title)]) expect(text).toContain(applyTypography(t, 'fr').replace(/\s/g, ''));
  });

  it('a grid that needs several pages is cut where no block crosses; every title once, every block whole on its page', async () => {
    // One session of 120 five-minute points: one segment the view cannot cut into half-days.
    const items = Array.from({ length: 120 }, (_, i) => `          - { title: Point ${i + 1} de l’ordre du jour, duration: 5min }`).join('\n');
    const m = fromYaml(
      `event: { title: Marathon }\ndays:\n  - date: 2026-03-02\n    sessions:\n      - title: Journée continue\n        start: 8h\n        items:\n${items}\n`,
    ).model!;
    const doc = grilleDocument(m, templates, { draft: false });
    const bytes = await renderPdf(doc);
    const pages = await readPages(bytes);
    expect(pages.length).toBeGreaterThan(1);
    const blocks = await blocksOf(bytes);
    const strokes = await readStrokes(bytes);
    for (let i = 1; i <= 120; i++) {
      const { page, block } = blockOf(pages, blocks, `Point ${i} de`);
      expect(block).toBeDefined();
      // Whole: its top and bottom rules on the same page, inside the page.
      const h = strokes[page].filter((s) => Math.abs(s.y2 - s.y1) < 0.01 && s.x1 <= block.x1 + 0.01 && s.x2 >= block.x2 - 0.01);
      expect(h.some((s) => Math.abs(s.y1 - block.top) < 0.05)).toBe(true);
      expect(h.some((s) => Math.abs(s.y1 - block.bottom) < 0.05)).toBe(true);
      expect(block.bottom).toBeGreaterThan(40);
      expect(block.top).toBeLessThan(pages[page].height - 30);
      expect(pages.flatMap((p) => p.items).filter((it) => new RegExp(`Point ${i} de`).test(it.str) && !it.marks.includes('Artifact'))).toHaveLength(1);
    }
    // The pages the grid goes on to repeat its headings as artifacts; the text reads as the HTML.
    expect(pages[1].items.filter((it) => it.str.includes('lundi 2 mars 2026')).every((it) => it.marks.includes('Artifact'))).toBe(true);
    expect(difference(htmlText(toHtmlPage(templates, doc)), await pdfText(bytes))).toBeNull();
  });

  it('a block too short for its text shows what fits and the rest in a note; no text under 6.5 pt', async () => {
    const m = (await example('seminaire-2012')).model!;
    const doc = grilleDocument(m, templates, { draft: false });
    const bytes = await renderPdf(doc);
    const pages = await readPages(bytes);
    const sizes = pages.flatMap((p) => p.items.map((it) => it.size));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(6.5);
    // Note numbers (labels) in the blocks and before the notes.
    const labels = pages.flatMap((p) => p.items.filter((it) => it.marks.includes('Lbl')).map((it) => it.str));
    expect(labels.some((l) => /^→\d+$/.test(l))).toBe(true);
    expect(labels.some((l) => /^\d+\.$/.test(l))).toBe(true);
    // Moved, not lost: the same words, in the same order, as the HTML.
    expect(difference(htmlText(toHtmlPage(templates, doc)), await pdfText(bytes))).toBeNull();
  }, 30_000);

  it('the bench event (100 items): every title present, parallel items side by side', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-grid-'));
    writeFileSync(
      path.join(dir, 'event.yaml'),
      execFileSync(process.execPath, [path.join(repo, 'bench', 'generate.js'), '100'], { env: { ...process.env, BENCH_ATTENDEES: '1' } }),
    );
    const m = fromYaml(readFileSync(path.join(dir, 'event.yaml'), 'utf8')).model!;
    const bytes = await renderPdf(grilleDocument(m, templates, { draft: false }));
    const text = (await pdfText(bytes)).replace(/\s|\u0001/g, '');
    for (const d of m.days) for (const s of d.sessions) for (const i of s.items) expect(text).toContain(applyTypography(i.title, 'fr').replace(/\s/g, ''));
    const pages = await readPages(bytes);
    const blocks = await blocksOf(bytes);
    // Parallel items of one time side by side: the first items of the four rooms.
    const firsts = ['Intervention 1 :', 'Intervention 7 :', 'Intervention 13 :', 'Intervention 19 :'].map((t) => blockOf(pages, blocks, t));
    expect(new Set(firsts.map((f) => f.page)).size).toBe(1);
    for (let i = 1; i < 4; i++) {
      expect(firsts[i].block.top).toBeCloseTo(firsts[0].block.top, 1);
      expect(firsts[i].block.x1).toBeGreaterThan(firsts[i - 1].block.x2);
    }
  }, 60_000);
});

describe('linear in the size of the programme', () => {
  /** Four rooms in parallel, `minutes` one-minute items each: one segment the view cannot cut. */
  function crowded(minutes: number): string {
    const rooms = [0, 1, 2, 3];
    const out = [
      'event: { title: Affluence }',
      'rooms:',
      ...rooms.map((r) => `  r${r}: { name: Salle ${r + 1} }`),
      'days:',
      '  - date: 2026-03-02',
      '    sessions:',
    ];
    for (const r of rooms) {
      out.push(`      - title: Atelier ${r + 1}`, '        kind: workshop', `        room: r${r}`, '        start: 6h', '        items:');
      for (let i = 0; i < minutes; i++) out.push(`          - { title: Point ${r}-${i}, duration: 1min }`);
    }
    return out.join('\n') + '\n';
  }
  it('four times the items in one stretch of time: well under sixteen times the time', async () => {
    const time = async (minutes: number) => {
      const m = fromYaml(crowded(minutes)).model!;
      const t0 = performance.now();
      const bytes = await renderPdf(grilleDocument(m, templates, { draft: false }));
      return { ms: performance.now() - t0, pages: (await readPages(bytes)).length };
    };
    await time(20); // warm-up
    const small = await time(60);
    const big = await time(240);
    expect(big.pages).toBeGreaterThan(small.pages * 2);
    expect(big.ms).toBeLessThan(small.ms * 8 + 500);
  }, 30_000);
});

describe('coop build', () => {
  it('writes grille.html and grille.pdf; --only takes them; a draft marks the conflicts with numbered notes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-grille-'));
    const r = await run(
      ['build', path.join(repo, 'examples', 'seminaire-2012', 'event.yaml'), '-o', dir, '--draft', '--only', 'grille.pdf,grille.html', '--lang', 'en'],
      repo,
    );
    expect(r.code).toBe(1); // the seed has errors: a draft still says so
    expect(existsSync(path.join(dir, 'grille.html'))).toBe(true);
    const bytes = readFileSync(path.join(dir, 'grille.pdf'));
    const text = await pdfText(bytes);
    expect(text).toMatch(/⚠\s\d/);
    expect(text).toContain('schedule/session-overlap');
    expect(text).toContain('examples/seminaire-2012/event.yaml:');
    const html = readFileSync(path.join(dir, 'grille.html'), 'utf8');
    expect(html).toContain('class="grid-block grid-session session-plenary grid-conflict"');
    expect(html).toMatch(/<th scope="col" class="grid-room">Salle plénière<\/th>/);
    expect(html).toMatch(/<th scope="row" class="grid-time"[^>]*>9\u00a0h\u00a030<\/th>/);
  }, 30_000);

  it('documents.grille.paper: a3 prints on A3 landscape', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-grille-'));
    writeFileSync(path.join(dir, 'event.yaml'), `${PARALLEL}documents: { grille: { paper: a3 } }\n`);
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'grille.pdf'], dir);
    expect(r.code).toBe(0);
    const [page] = await readPages(readFileSync(path.join(dir, 'out', 'grille.pdf')));
    expect([page.width, page.height].map(Math.round)).toEqual([1191, 842]);
  });

  it('documents.programme.grid: the programme opens with the grid of each day, saying what its HTML says', async () => {
    const m = fromYaml(`${PARALLEL}documents: { programme: { grid: true } }\n`).model!;
    const doc: DocumentTree = programmeDocument(m, templates, { draft: false });
    const html = toHtmlPage(templates, doc);
    expect(html.indexOf('class="grid"')).toBeGreaterThan(-1);
    expect(html.indexOf('class="grid"')).toBeLessThan(html.indexOf('class="day"'));
    const bytes = await renderPdf(doc);
    expect(difference(htmlText(html), await pdfText(bytes))).toBeNull();
    const pages = await readPages(bytes);
    // The grid's page comes before the day's programme: the first page naming "Eau un" is the grid's.
    const first = pages.findIndex((p) => p.items.some((it) => it.str.includes('Eau un')));
    expect(pages[first].items.some((it) => it.str === 'Horaire')).toBe(true);
    expect(pages[first].items.some((it) => it.str.includes('Salle C'))).toBe(true);
  });
});
