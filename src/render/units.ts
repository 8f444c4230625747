/**
 * The rendering work of a build, cut into units that can run apart: one unit per document of
 * an event (with its HTML and PDF back ends), one for the three exports, one per minutes file.
 * A unit needs only the model, the options and the template folders, so it runs the same on
 * the main thread and in a worker (see pool.ts). Each unit carries a rough cost, for sharing
 * the units out between threads.
 */
import { createHash } from 'node:crypto';
import picomatch from 'picomatch';
import type { MinutesModel } from '../minutes/model.js';
import { eventToFrabXml } from '../export/frab-xml.js';
import { eventToIcs } from '../export/ics.js';
import { eventToScheduleJson } from '../export/schedule-json.js';
import { participantsCsv } from '../export/participants-csv.js';
import type { EventModel } from '../model/event.js';
import { badgesDocument, emargementDocument, participantsDocument, speakersDocument } from './attendees.js';
import { toHtmlPage, type DocumentTree } from './document.js';
import type { GridNote } from './grid.js';
import { grilleDocument } from './grille.js';
import { minutesDocument } from './minutes.js';
import { programmeDocument } from './programme.js';
import { TemplateError, type Templates } from './templates.js';
import { eventOutputs } from './outputs.js';
import { wellFormedStrings } from '../util/text.js';
import { deferUnusedPdfCode } from './pdf/deferred.js';
export { eventOutputs };

export interface Output {
  name: string;
  bytes: Uint8Array | string;
}

export interface Progress {
  (event: { output: string; page?: number }): void;
}

export interface EventRenderOptions {
  draft: boolean;
  only?: readonly string[];
  withContacts?: boolean;
  /** With `draft`: the checks' findings to mark on the timetable grid (see grid-notes.ts). */
  gridNotes?: GridNote[];
  /** PDFs also PDF/A-2a. */
  pdfa?: boolean;
}

type DocName = 'programme' | 'grille' | 'participants' | 'emargement' | 'intervenants' | 'badges';
export type EventUnitKey = DocName | 'exports';

/** The documents, each made once and given to its back ends (those of `eventOutputs`). */
const DOCUMENTS: DocName[] = ['programme', 'grille', 'participants', 'emargement', 'intervenants', 'badges'];
const EXPORTS = eventOutputs.filter((o) => !DOCUMENTS.some((d) => o.startsWith(`${d}.`)));

type Medium = 'html' | 'pdf' | 'csv' | 'docx';
const MEDIA: Medium[] = ['html', 'pdf', 'csv', 'docx'];

/** Whether the event defines the output `name.medium` and `--only` selects it. */
function eventSelects(only: readonly string[] | undefined, name: DocName, medium: Medium): boolean {
  const output = `${name}.${medium}`;
  return (eventOutputs as readonly string[]).includes(output) && selects(only, output);
}

const matchers = new Map<string, (name: string) => boolean>();

/**
 * Whether `--only` selects the output file `name`: no `--only` selects all; each entry is a
 * name or a glob (`programme.*`, `*.pdf`, `{programme,grille}.pdf`), matched by picomatch.
 */
export function selects(only: readonly string[] | undefined, name: string): boolean {
  if (!only) return true;
  return only.some((pattern) => {
    let m = matchers.get(pattern);
    if (!m) matchers.set(pattern, (m = picomatch(pattern)));
    return m(name);
  });
}

/** The units an event needs for the wanted outputs, in output order, each with a rough cost (ms on a 2020s laptop). */
export function eventUnits(model: EventModel, only: readonly string[] | undefined): Array<{ key: EventUnitKey; cost: number }> {
  // Calibrated on the 10,000-item bench event (2 cores): ms per item, attendee, sheet row, slot.
  const items = model.days.reduce((n, d) => n + d.sessions.reduce((k, s) => k + s.items.length + 1, 0), 0);
  const slots = model.days.reduce(
    (n, d) => n + d.sessions.reduce((k, s) => k + s.chair.length + s.rapporteur.length + s.items.reduce((a, i) => a + i.speakers.length, 0), 0),
    0,
  );
  const attendees = model.attendees.length;
  const halfDays = model.days.length * 2;
  const units: Array<{ key: EventUnitKey; cost: number }> = [];
  for (const name of DOCUMENTS) {
    const html = eventSelects(only, name, 'html');
    const pdf = eventSelects(only, name, 'pdf');
    const docx = eventSelects(only, name, 'docx');
    if (!MEDIA.some((m) => eventSelects(only, name, m))) continue;
    // A sign-in sheet prints every attendee once per group of at most six half-days.
    const size = {
      programme: items,
      grille: items,
      participants: attendees,
      emargement: (attendees + 5) * Math.ceil(halfDays / 6) * 0.37,
      intervenants: slots * 0.75,
      badges: attendees,
    }[name];
    // A Word file costs about twice its PDF (the 10,000-item programme: docx's object tree and
    // XML, 930 MB at its peak): the main thread, whose heap is not capped, keeps the costliest.
    units.push({ key: name, cost: 20 + size * ((html ? 0.1 : 0) + (pdf ? 0.3 : 0) + (docx ? 0.6 : 0)) });
  }
  if (EXPORTS.some((e) => selects(only, e))) units.push({ key: 'exports', cost: 10 + items * 0.1 });
  return units;
}

/** The rough cost of a minutes file's unit. */
export function minutesCost(minutes: MinutesModel): number {
  return 20 + minutes.body.children.length * 0.25;
}

/**
 * A watching build's memory of an event's documents: for each unit, what its document was
 * made of and the outputs made from it. A unit whose document is the same as last time is
 * not laid out or written again (an item renamed does not touch the badges).
 */
export type UnitMemo = Map<EventUnitKey, { hash: string; outputs: Output[] }>;

/** What a document's outputs are made from: its template's HTML, its images and every setting of it. */
function documentHash(doc: DocumentTree, media: readonly string[], pdfa: boolean, csv: string | null): string {
  const h = createHash('sha1');
  const { body, images, ...settings } = doc;
  h.update(JSON.stringify([settings, media, pdfa, body.locale, body.source, [...body.images], csv]));
  h.update('\0').update(body.html);
  for (const [name, image] of images ?? []) h.update(`\0${name}:${image.width}x${image.height}:${image.type ?? ''}\0`).update(image.bytes);
  return h.digest('hex');
}

/** Render one unit of an event: its outputs, in output order. */
export async function renderEventUnit(
  model: EventModel,
  key: EventUnitKey,
  templates: Templates,
  opts: EventRenderOptions,
  progress: Progress = () => {},
): Promise<Output[]> {
  return (await renderEventUnitMemo(model, key, templates, opts, progress)).outputs;
}

/**
 * `renderEventUnit`, remembering the unit's document in `memo` (a watching build): `reused`
 * when the document is the one it was last time, its outputs then those made last time.
 */
export async function renderEventUnitMemo(
  model: EventModel,
  key: EventUnitKey,
  templates: Templates,
  opts: EventRenderOptions,
  progress: Progress = () => {},
  memo?: UnitMemo,
): Promise<{ outputs: Output[]; reused: boolean }> {
  const { draft, only } = opts;
  const withContacts = opts.withContacts ?? false;
  const out: Output[] = [];
  if (key === 'exports') {
    progress({ output: 'event.ics' });
    if (selects(only, 'event.ics')) out.push({ name: 'event.ics', bytes: eventToIcs(model) });
    if (selects(only, 'schedule.json')) out.push({ name: 'schedule.json', bytes: JSON.stringify(eventToScheduleJson(model), wellFormedStrings, 2) + '\n' });
    if (selects(only, 'schedule.xml')) out.push({ name: 'schedule.xml', bytes: eventToFrabXml(model) });
    return { outputs: out, reused: false };
  }
  const make: Record<DocName, () => DocumentTree> = {
    programme: () => programmeDocument(model, templates, { draft, gridNotes: opts.gridNotes }),
    grille: () => grilleDocument(model, templates, { draft, notes: opts.gridNotes }),
    participants: () => participantsDocument(model, templates, { draft, withContacts }),
    emargement: () => emargementDocument(model, templates, { draft }),
    intervenants: () => speakersDocument(model, templates, { draft, withContacts }),
    badges: () => badgesDocument(model, templates, { draft }),
  };
  const html = eventSelects(only, key, 'html');
  const pdf = eventSelects(only, key, 'pdf');
  const media = MEDIA.filter((m) => eventSelects(only, key, m));
  progress({ output: `${key}.${media[0]}` });
  // participants.csv is made from the model, not from the document.
  const doc = html || pdf || media.includes('docx') ? make[key]() : null;
  // participants.csv is made from the model, not from the document (cheap: made every time, part of the hash).
  const csv = media.includes('csv') ? participantsCsv(model, { withContacts }) : null;
  const hash = memo && doc ? documentHash(doc, media, !!opts.pdfa, csv) : null;
  const known = hash === null ? undefined : memo!.get(key);
  if (known && known.hash === hash) return { outputs: known.outputs, reused: true };
  if (doc && html) out.push({ name: `${key}.html`, bytes: toHtmlPage(templates, doc) });
  // Its images next to it (assets/…), for the page's <img src>.
  if (doc && html && doc.images) for (const [name, image] of doc.images) out.push({ name, bytes: image.bytes });
  if (doc && pdf) out.push(await pdfOutput(`${key}.pdf`, doc, progress, !!opts.pdfa));
  if (doc && media.includes('docx')) out.push(await docxOutput(`${key}.docx`, doc, progress));
  if (csv !== null) out.push({ name: `${key}.csv`, bytes: csv });
  if (hash !== null) memo!.set(key, { hash, outputs: out });
  return { outputs: out, reused: false };
}

/** Whether `--only` selects any of a minutes file's outputs (NAME.html, NAME.pdf, NAME.docx). */
export function minutesSelected(name: string, only: readonly string[] | undefined): boolean {
  return selects(only, `${name}.html`) || selects(only, `${name}.pdf`) || selects(only, `${name}.docx`);
}

/** Render a minutes file: NAME.html, NAME.pdf and NAME.docx. */
export async function renderMinutesUnit(
  minutes: MinutesModel,
  name: string,
  templates: Templates,
  opts: { draft: boolean; only?: readonly string[]; pdfa?: boolean },
  progress: Progress = () => {},
): Promise<Output[]> {
  progress({ output: `${name}.html` });
  const doc = minutesDocument(minutes, templates, { draft: opts.draft });
  const out: Output[] = [];
  if (selects(opts.only, `${name}.html`)) {
    out.push({ name: `${name}.html`, bytes: toHtmlPage(templates, doc) });
    // Its images next to it (assets/NAME-…), for the page's <img src>.
    for (const [asset, image] of doc.images ?? []) out.push({ name: asset, bytes: image.bytes });
  }
  if (selects(opts.only, `${name}.pdf`)) out.push(await pdfOutput(`${name}.pdf`, doc, progress, !!opts.pdfa));
  if (selects(opts.only, `${name}.docx`)) out.push(await docxOutput(`${name}.docx`, doc, progress));
  return out;
}

async function docxOutput(output: string, doc: DocumentTree, progress: Progress): Promise<Output> {
  progress({ output });
  const { renderDocx } = await import('./docx/index.js'); // the docx package only when a Word file is wanted
  return { name: output, bytes: await renderDocx(doc) };
}

async function pdfOutput(output: string, doc: DocumentTree, progress: Progress, pdfa: boolean): Promise<Output> {
  progress({ output });
  return { name: output, bytes: await renderPdfSafely(doc, { onPage: (page) => progress({ output, page }), pdfa }) };
}

/** The PDF of a document, with its XMP metadata escaped (xmp.ts); pdfkit and fonts load only when a PDF is wanted. */
export async function renderPdfSafely(doc: DocumentTree, opts: { onPage?: (page: number) => void; pdfa?: boolean } = {}): Promise<Uint8Array> {
  deferUnusedPdfCode();
  const [{ renderPdf }] = await Promise.all([import('./pdf/engine.js'), import('./xmp.js')]);
  return renderPdf(doc, opts);
}

/**
 * Render an event's documents (HTML only: template, sanitiser, layout), or a minutes file's,
 * to find what in user templates would stop a build, without building. Returns the first
 * template error, or null.
 */
export function tryEventTemplates(model: EventModel, templates: Templates): TemplateError | null {
  const make = [
    () => programmeDocument(model, templates, { draft: false }),
    () => participantsDocument(model, templates, { draft: false, withContacts: false }),
    () => emargementDocument(model, templates, { draft: false }),
    () => speakersDocument(model, templates, { draft: false, withContacts: false }),
    () => badgesDocument(model, templates, { draft: false }),
  ];
  try {
    for (const m of make) toHtmlPage(templates, m());
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  return null;
}

export function tryMinutesTemplates(minutes: MinutesModel, templates: Templates): TemplateError | null {
  try {
    toHtmlPage(templates, minutesDocument(minutes, templates, { draft: false }));
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  return null;
}
