/**
 * Programmes as secretariats really write them (FORMAT.md §5.1, §5.3; issue 15): untimed parts,
 * rooms to assign, parallel workshops, topics, representation, declined speakers, off-site
 * rooms, attendees merged with `people`, family-first names, badges for speakers, inline
 * suppression, a second label language. Tested on the two examples made from real pages and
 * on small inputs written the way a hurried secretariat writes them.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderEvent } from '../src/build.js';
import { checkEventFile, checkLoaded, checkProject } from '../src/project.js';
import { eventToIcs } from '../src/export/ics.js';
import { eventToScheduleJson } from '../src/export/schedule-json.js';
import { loadEventText } from '../src/load.js';
import type { EventModel } from '../src/model/event.js';
import { dayEntries } from '../src/model/parallel.js';
import { run } from './helpers.js';
import { readPdf } from './pdf-read.js';

const repo = path.join(import.meta.dirname, '..');
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');
const htmlText = (html: string) =>
  flat(
    html
      .replace(/<style[\s\S]*?<\/style>/, '')
      .replace(/<\/?(strong|em|span|del|a)\b[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&'),
  );
const FORUM = 'examples/forum-2023-atelier/event.yaml';
const BILINGUAL = 'examples/rencontres-franco-chinoises/event.yaml';

async function example(file: string) {
  const checked = await checkProject([{ abs: path.join(repo, file), display: file }], { cwd: repo, env: {} });
  return { diagnostics: checked.diagnostics, model: checked.events[0].checked.model! };
}

function inline(yaml: string) {
  const checked = checkLoaded(loadEventText(yaml, 'event.yaml'));
  return checked;
}

async function render(model: EventModel, names: string[], draft = false) {
  const outputs = await renderEvent(model, { draft, only: names });
  const get = (name: string) => outputs.find((o) => o.name === name)!.bytes;
  return get;
}

describe('seed 004: a forum workshop with untimed parts and three parallel workshops', () => {
  let model: EventModel;
  let html: string;
  let pdfText: string;
  beforeAll(async () => {
    const ex = await example(FORUM);
    model = ex.model;
    expect(ex.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(ex.diagnostics.map((d) => d.rule)).toEqual(['venue/room-unassigned']);
    const get = await render(model, ['programme.html', 'programme.pdf']);
    html = get('programme.html') as string;
    pdfText = flat((await readPdf(get('programme.pdf') as Uint8Array)).text.join('\n'));
  });

  it('keeps the parts untimed in the model: start and end null, untimed true', async () => {
    const r = await run(['model', FORUM], repo);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const atelier = json.days[0].sessions[0];
    expect([atelier.start, atelier.end, atelier.room]).toEqual(['11:30', '13:00', 'berger']);
    expect(atelier.items.map((i: { title: string; start: null; end: null; untimed: boolean }) => [i.title, i.start, i.end, i.untimed])).toEqual([
      ['Mot d’accueil', null, null, true],
      ['Témoignages', null, null, true],
      ['Échanges avec la salle', null, null, true],
      ['Éléments de conclusion et perspectives', null, null, true],
    ]);
    expect(json.days[0].sessions[3].room_unassigned).toBe(true);
    expect(atelier.items[1].speakers[1].topic).toMatch(/^le rôle des gouvernements locaux/);
  });

  it('prints no time for a part, the four workshops as one parallel block, the unknown room as "salle à préciser"', () => {
    const text = htmlText(html);
    for (const t of [pdfText, text]) {
      expect(t).toContain('11 h 30 – 13 h · 4 ateliers en parallèle');
      expect(t).toContain('Atelier 1 — L’action internationale');
      expect(t).toContain('11 h 30 – 13 h · salle à préciser');
      expect(t).toContain('I / Mot d’accueil');
      expect(t).toContain('Aude SALDANA, Secrétaire générale, GSEF — le rôle des gouvernements locaux');
      expect(t).not.toContain('Plénière');
      expect(t).not.toContain('Atelier 1.');
    }
    // The only times printed are the ones the page gives: the workshop's, once per session and for the block.
    expect(html.match(/class="when"/g)).toBeNull();
    expect(text.match(/\d+ h( \d+)?/g)!.every((t) => t === '11 h 30' || t === '13 h')).toBe(true);
    // One heading per level: day (h2), block (h3), workshops (h4).
    expect(html).toMatch(/<h3 class="parallel-title">/);
    expect(html.match(/<h4 class="session-title">/g)).toHaveLength(4);
  });

  it('groups the block in the model layer, for the programme and the grid alike', () => {
    const entries = dayEntries(model.days[0]);
    expect(entries).toHaveLength(1);
    expect(entries[0].block?.sessions).toHaveLength(4);
    expect(entries[0].block?.kind).toBe('workshop');
  });

  it('exports the workshop at its own times, its parts listed, and a column of its own for the room to confirm', () => {
    const json = eventToScheduleJson(model).schedule.conference;
    expect(JSON.stringify(json)).not.toContain('Plénière');
    expect(json.rooms.map((r) => r.name)).toEqual([
      'Amphi G. Berger',
      'Salle L. Armand Ouest',
      'Salle 2',
      'Salle à préciser (Accès à l’énergie et gouvernance locale…)',
    ]);
    const events = Object.values(json.days[0].rooms).flat();
    expect(events).toHaveLength(4);
    for (const e of events) expect([e.start, e.duration]).toEqual(['11:30', '01:30']);
    const atelier = events.find((e) => e.title.startsWith('L’action'))!;
    expect(atelier.track).toBe('Atelier 1 — L’action internationale au service du développement économique et de l’attractivité de nos territoires');
    expect(atelier.description).toContain('I / Mot d’accueil\nFrançois REBSAMEN, Maire de Dijon, Président de CUF');
    expect(atelier.description).toContain('III / Éléments de conclusion et perspectives\nCités Unies France (CUF)');
    expect(atelier.persons.map((p) => p.name)).toContain('Aude SALDANA');
    const ics = eventToIcs(model, { env: {} });
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(ics.match(/DTSTART:(\S+)/g)!.every((l) => l === 'DTSTART:20230919T093000Z')).toBe(true);
    expect(ics).toContain('LOCATION:salle à préciser');
  });

  it('speaks English when the event does', async () => {
    const text = readFileSync(path.join(repo, FORUM), 'utf8').replace('locale: fr', 'locale: en');
    const checked = inline(text);
    const get = await render(checked.model!, ['programme.html']);
    const t = htmlText(get('programme.html') as string);
    expect(t).toContain('4 parallel workshops');
    expect(t).toContain('Workshop 1 — L’action');
    expect(t).toContain('room to be confirmed');
    expect(JSON.stringify(eventToScheduleJson(checked.model!))).toContain('Room to be confirmed (');
  });
});

describe('a two-day franco-Chinese event: labels in two languages, representation, interpretation', () => {
  let model: EventModel;
  let get: (name: string) => string | Uint8Array;
  beforeAll(async () => {
    const ex = await example(BILINGUAL);
    expect(ex.diagnostics).toEqual([]); // clean: the near-duplicate interpreter is told apart with coop-ignore
    model = ex.model;
    get = await render(model, ['programme.pdf', 'programme.html', 'participants.html', 'intervenants.html', 'badges.pdf', 'event.ics', 'schedule.json']);
  });

  it('prints labels in French and Chinese, the languages of each session, the representation agreed', async () => {
    const pdf = flat((await readPdf(get('programme.pdf') as Uint8Array)).text.join('\n'));
    const html = htmlText(get('programme.html') as string);
    for (const t of [pdf, html]) {
      expect(t).toContain('Animation / 主持 : Claire MARTIN');
      expect(t).toContain('Rapporteure / 报告人 : Claire MARTIN');
      expect(t).toContain('Langues / 语言 : français, chinois / 法语、中文 — avec interprétation / 提供口译');
      expect(t).toContain('11 h – 12 h 30 · 3 ateliers en parallèle / 3个平行工作坊');
      expect(t).toContain('Atelier 2 / 工作坊 2 — Patrimoine et tourisme');
      expect(t).toContain('Jean-Marc DUPONT, Maire de Nantes, Ville de Nantes, représenté par Sophie LE BRETON');
      expect(t).toContain('Parc du patrimoine de Tianfu, 1 route du Musée, district de Pidu, Chengdu');
      expect(t).not.toContain('excusé'); // the mayor declined but sends his deputy
    }
  });

  it('gives calendars the off-site room’s address, and the representative as the person who speaks', () => {
    const ics = (get('event.ics') as string).replace(/\r\n /g, '');
    expect(ics).toContain('LOCATION:Parc du patrimoine de Tianfu\\, 1 route du Musée\\, district de Pidu\\, Chengdu');
    const json = JSON.parse(get('schedule.json') as string).schedule.conference;
    expect(json.rooms.find((r: { name: string }) => r.name.startsWith('Parc')).description).toBe('1 route du Musée, district de Pidu, Chengdu');
    const keynote = Object.values(
      json.days[0].rooms as Record<string, Array<{ title: string; persons: Array<{ name: string }>; language: string; description: string }>>,
    )
      .flat()
      .find((e) => e.title.startsWith('Vingt ans'))!;
    expect(keynote.persons.map((p) => p.name)).toEqual(['Sophie LE BRETON']);
    expect(keynote.description).toContain('Jean-Marc DUPONT, Maire de Nantes, Ville de Nantes, représenté par Sophie LE BRETON');
    expect(keynote.description).toContain('Langues\u00a0: français, chinois, avec interprétation');
  });

  it('merges the registration rows of people it knows, keeps Chinese names family first, sorts by family name', () => {
    const t = htmlText(get('participants.html') as string);
    expect(t.match(/LE BRETON/g)).toHaveLength(1);
    const rows = [...(get('participants.html') as string).matchAll(/<tr><td>\d+<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual([
      'GARNIER Paul',
      'HUANG Xiaoming',
      'KERJEAN Yann',
      'LE BRETON Sophie',
      'MARTIN Claire',
      'MOREL Hélène',
      'NGUYEN Thi Lan',
      'SUN Li',
      'ZHAO Lei',
    ]);
    expect(model.attendees.find((a) => a.name.startsWith('ZHAO'))!.name).toBe('ZHAO Lei');
    expect(model.attendees.find((a) => a.name.includes('LE BRETON'))!.id).toBe('lebreton');
  });

  it('lists each speaker’s slots with their rooms, the representative in place of the mayor', () => {
    const t = htmlText(get('intervenants.html') as string);
    expect(t).toContain('mar. 20 octobre, 11 h – 12 h 30, Salle B — Atelier 2 — Patrimoine et tourisme');
    expect(t).toContain('(à la place de Jean-Marc DUPONT)');
    expect(t).toContain('(représenté par Sophie LE BRETON)');
  });

  it('makes badges for the speakers and chairs who are not registered, unless told not to', async () => {
    const text = flat((await readPdf(get('badges.pdf') as Uint8Array)).text.join('\n'));
    for (const n of ['CHEN Jie', 'ZHANG Min', 'LI Wei', 'Antoine ROUX', 'ZHAO Lei', 'Sophie LE BRETON']) expect(text).toContain(n);
    expect(text).not.toContain('Jean-Marc DUPONT'); // represented: his deputy comes
    expect(text).not.toContain('Wei LI'); // the interpreter is neither speaker nor attendee
    const yaml = readFileSync(path.join(repo, BILINGUAL), 'utf8').replace('attendees:', 'documents: { badges: { speakers: false } }\nattendees:');
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-badges-'));
    writeFileSync(path.join(dir, 'event.yaml'), yaml);
    writeFileSync(path.join(dir, 'participants.csv'), readFileSync(path.join(repo, path.dirname(BILINGUAL), 'participants.csv')));
    const checked = await checkProject([{ abs: path.join(dir, 'event.yaml'), display: 'event.yaml' }], { cwd: dir, env: {} });
    const outputs = await renderEvent(checked.events[0].checked.model!, { draft: false, only: ['badges.pdf'] });
    const only = flat((await readPdf(outputs[0].bytes as Uint8Array)).text.join('\n'));
    expect(only).toContain('ZHAO Lei');
    expect(only).not.toContain('CHEN Jie');
  });
});

describe('what a draft shows, what the final programme leaves out', () => {
  const yaml = `event: { title: Brouillon }
people:
  durand: { name: Anne DURAND, civility: Mme, role: Maire }
  martin: { name: Paul MARTIN, civility: M. }
  petit: { name: Louise PETIT, civility: Mme, role: Adjointe }
days:
  - date: 2024-05-02
    sessions:
      - title: Matin
        start: 9h
        items:
          - { title: Ouverture, duration: 20min, speakers: [{ person: durand, represented_by: petit }] }
          - { title: Exposé sans durée, speakers: [martin] }
          - { title: Suite, duration: 10min, speakers: [{ person: martin, status: declined }, durand] }
`;

  it('reports one error for the item whose end is unknown, naming the item that depends on it', () => {
    const errors = inline(yaml).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('« Exposé sans durée »');
    expect(errors[0].message).toContain('le point suivant (« Suite ») en dépend');
  });

  it('a draft shows every item and speaker it could read, the declined one struck through', async () => {
    const checked = inline(yaml);
    const html = (await render(checked.model!, ['programme.html'], true))('programme.html') as string;
    const t = htmlText(html);
    for (const s of ['Ouverture', 'Exposé sans durée', 'Suite', 'Paul MARTIN', 'Anne DURAND, Maire, représentée par Louise PETIT, Adjointe'])
      expect(t).toContain(s);
    expect(html).toContain(
      '<del class="declined"><strong class="name">Paul MARTIN</strong></del> <em class="status status-declined">(excusé, à remplacer)</em>',
    );
  });

  it('the final programme leaves the declined speaker out', async () => {
    const fixed = yaml.replace('{ title: Exposé sans durée, speakers', '{ title: Exposé sans durée, duration: 20min, speakers');
    const checked = inline(fixed);
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const unconfirmed = checked.diagnostics.filter((d) => d.rule === 'people/unconfirmed');
    expect(unconfirmed.map((d) => d.message)).toEqual([expect.stringContaining('Paul MARTIN (excusé) ne viendra pas pour « Suite »')]);
    const get = await render(checked.model!, ['programme.html', 'event.ics']);
    const suite = (get('programme.html') as string).split('Suite')[1];
    expect(suite).not.toContain('Paul MARTIN');
    expect(suite).toContain('Anne DURAND');
    expect((get('event.ics') as string).replace(/\r\n /g, '')).not.toMatch(/Paul MARTIN \(excusé/);
  });
});

describe('inline suppression in minutes (Markdown) and in their front matter', () => {
  it('silences the diagnostic on the next line, and reports a comment that silences nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-ignore-'));
    mkdirSync(path.join(dir, 'cr'));
    const md = `---
kind: minutes
title: Réunion
date: 2016-05-19
present:
  - { name: Anne DUPONT }
  - { name: Anne DUPOND }   # coop-ignore: people/near-duplicate
---

# Suites à donner

<!-- coop-ignore: minutes/action-owner -->
- [ ] Diffuser le compte rendu
- [ ] Envoyer le questionnaire

<!-- coop-ignore: minutes/action-owner -->
- [ ] Relancer les absents @dupont
`;
    writeFileSync(path.join(dir, 'cr', 'reunion.md'), md);
    const project = await checkProject([{ abs: path.join(dir, 'cr', 'reunion.md'), display: 'cr/reunion.md' }], { cwd: dir, env: {}, lang: 'en' });
    const d = project.diagnostics.map((x) => [x.line, x.rule]);
    expect(d).toContainEqual([14, 'minutes/action-owner']); // not silenced: the comment is two lines up
    expect(d).not.toContainEqual([13, 'minutes/action-owner']);
    expect(d).toContainEqual([16, 'ignore/unused']);
    // The front matter's YAML comments count too, at their line in the file (minutes have no
    // near-duplicate rule: that comment silences nothing, and says so).
    expect(project.diagnostics.filter((x) => x.rule === 'ignore/unused').map((x) => [x.line, x.column])).toEqual([
      [7, 44],
      [16, 19],
    ]);
  });
});

describe('names written family name first in a registration CSV', () => {
  it('follow the file’s name_order, or the row’s own "Ordre du nom"', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-order-'));
    writeFileSync(
      path.join(dir, 'event.yaml'),
      `event: { title: Test }
attendees:
  - { file: chine.csv, name_order: family-first }
  - file: mixte.csv
days: [{ date: 2016-05-19, sessions: [{ title: A, start: 9h, end: 10h }] }]
`,
    );
    writeFileSync(path.join(dir, 'chine.csv'), 'Nom;Prénom\nLi;Na\nKim;Ji-yeon\n');
    writeFileSync(path.join(dir, 'mixte.csv'), 'Nom;Prénom;Ordre du nom\nWang;Fang;NOM Prénom\nDurand;Anne;\n');
    const project = await checkProject([{ abs: path.join(dir, 'event.yaml'), display: 'event.yaml' }], { cwd: dir, env: {} });
    expect(project.diagnostics).toEqual([]);
    const model = project.events[0].checked.model!;
    expect(model.attendees.map((a) => a.name)).toEqual(['LI Na', 'KIM Ji-yeon', 'WANG Fang', 'Anne DURAND']);
    const html = (await renderEvent(model, { draft: false, only: ['participants.html'] }))[0].bytes as string;
    const rows = [...html.matchAll(/<tr><td>\d+<\/td><td>([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(rows).toEqual(['DURAND', 'KIM', 'LI', 'WANG']);
  });
});

describe('the 2012 seminar keeps its closing round table in the plenary', () => {
  it('has no room to assign: a one-room event has no "salle à préciser"', async () => {
    const c = await checkEventFile(path.join(repo, 'examples/seminaire-2012/event.yaml'), 'event.yaml');
    expect(c.diagnostics.filter((d) => d.rule === 'venue/room-unassigned')).toEqual([]);
  });
});
