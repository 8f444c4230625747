/**
 * The build, as a pipeline: load → validate → check → render → write. Errors stop it
 * before anything is written (unless draft); every output is written to a temporary file
 * and renamed, so a failed build never leaves a half-written document.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkProject, type Input, type MinutesModel } from './check.js';
import { UsageError } from './errors.js';
import { minutesDocument } from './render/minutes.js';
import type { Diagnostic } from './diagnostics/types.js';
import type { EventModel } from './model/event.js';
import { eventToFrabXml } from './export/frab-xml.js';
import { eventToIcs } from './export/ics.js';
import { eventToScheduleJson } from './export/schedule-json.js';
import { badgesDocument, emargementDocument, participantsDocument, speakersDocument } from './render/attendees.js';
import { toHtmlPage, type DocumentTree } from './render/document.js';
import { programmeDocument } from './render/programme.js';
import { Templates } from './render/templates.js';

export interface BuildOptions {
  outDir: string;
  draft?: boolean;
  strict?: boolean;
  /** Language of the diagnostics. */
  lang?: 'fr' | 'en';
  /** Only these outputs (file names); all by default. */
  only?: string[];
  /** Print e-mail and phone on the participant and speaker lists (never on the sign-in sheet). */
  withContacts?: boolean;
}

export interface Output {
  name: string;
  bytes: Uint8Array | string;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  written: string[];
  ok: boolean;
  /** How many outputs were taken from the render cache (watch mode). */
  reused?: number;
}

/** The documents an event defines, by output file name. */
export const eventOutputs = [
  'programme.html',
  'programme.pdf',
  'participants.html',
  'participants.pdf',
  'emargement.pdf',
  'intervenants.html',
  'intervenants.pdf',
  'badges.pdf',
  'event.ics',
  'schedule.json',
  'schedule.xml',
] as const;

/** Render the documents an event defines (all, or those named in `only`), in memory. */
export async function renderEvent(
  model: EventModel,
  opts: { draft: boolean; templates?: Templates; only?: readonly string[]; withContacts?: boolean },
): Promise<Output[]> {
  const templates = opts.templates ?? new Templates();
  const want = (name: string) => !opts.only || opts.only.includes(name) || opts.only.includes(name.replace(/^.*\./, '*.'));
  const out: Output[] = [];
  const draft = opts.draft;
  const withContacts = opts.withContacts ?? false;
  // Each document is made once, then given to the back ends that are wanted.
  const documents: Array<[string, () => DocumentTree, Array<'html' | 'pdf'>]> = [
    ['programme', () => programmeDocument(model, templates, { draft }), ['html', 'pdf']],
    ['participants', () => participantsDocument(model, templates, { draft, withContacts }), ['html', 'pdf']],
    ['emargement', () => emargementDocument(model, templates, { draft }), ['pdf']],
    ['intervenants', () => speakersDocument(model, templates, { draft, withContacts }), ['html', 'pdf']],
    ['badges', () => badgesDocument(model, templates, { draft }), ['pdf']],
  ];
  for (const [name, make, media] of documents) {
    const html = media.includes('html') && want(`${name}.html`);
    const pdf = media.includes('pdf') && want(`${name}.pdf`);
    if (!html && !pdf) continue;
    const doc = make();
    if (html) out.push({ name: `${name}.html`, bytes: toHtmlPage(templates, doc) });
    if (pdf) {
      const { renderPdf } = await import('./render/pdf/engine.js'); // pdfkit and fonts only when a PDF is wanted
      out.push({ name: `${name}.pdf`, bytes: await renderPdf(doc) });
    }
  }
  if (want('event.ics')) out.push({ name: 'event.ics', bytes: eventToIcs(model) });
  if (want('schedule.json')) out.push({ name: 'schedule.json', bytes: JSON.stringify(eventToScheduleJson(model), null, 2) + '\n' });
  if (want('schedule.xml')) out.push({ name: 'schedule.xml', bytes: eventToFrabXml(model) });
  return out;
}

/** Render one minutes file: NAME.html and NAME.pdf. */
export async function renderMinutes(
  minutes: MinutesModel,
  name: string,
  opts: { draft: boolean; templates?: Templates; only?: readonly string[] },
): Promise<Output[]> {
  const templates = opts.templates ?? new Templates();
  const want = (n: string) => !opts.only || opts.only.includes(n) || opts.only.includes(n.replace(/^.*\./, '*.'));
  const doc = minutesDocument(minutes, templates, { draft: opts.draft });
  const out: Output[] = [];
  if (want(`${name}.html`)) out.push({ name: `${name}.html`, bytes: toHtmlPage(templates, doc) });
  if (want(`${name}.pdf`)) {
    const { renderPdf } = await import('./render/pdf/engine.js');
    out.push({ name: `${name}.pdf`, bytes: await renderPdf(doc) });
  }
  return out;
}

/**
 * Rendered documents by key, with the hash of what they were made from: `coop build --watch`
 * keeps one across rebuilds, so a rebuild re-renders only the documents whose inputs changed.
 */
export type RenderCache = Map<string, { hash: string; outputs: Output[] }>;

async function cached(cache: RenderCache | undefined, key: string, parts: unknown[], render: () => Promise<Output[]>): Promise<{ outputs: Output[]; reused: boolean }> {
  const hash = createHash('sha1').update(JSON.stringify(parts)).digest('hex');
  const hit = cache?.get(key);
  if (hit && hit.hash === hash) return { outputs: hit.outputs, reused: true };
  const outputs = await render();
  cache?.set(key, { hash, outputs });
  return { outputs, reused: false };
}

export async function buildProject(files: Input[], options: BuildOptions & { cwd?: string; cache?: RenderCache }): Promise<BuildResult> {
  const project = await checkProject(files, { strict: options.strict, lang: options.lang, cwd: options.cwd ?? process.cwd() });
  const { diagnostics, sources } = project;
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const unreadable = project.events.some((e) => !e.checked.model) || project.minutes.some((m) => !m.checked.model);
  if ((hasErrors && !options.draft) || unreadable) {
    return { diagnostics, sources, written: [], ok: false };
  }
  const templates = new Templates();
  const outputs: Output[] = [];
  let reused = 0;
  const settings = [options.draft ?? false, options.only ?? null, options.withContacts ?? false, process.env.SOURCE_DATE_EPOCH ?? null];
  for (const { input, checked } of project.events) {
    // The attendee CSV files are inputs too.
    const csv = checked.model!.attendees.flatMap((p) => (p.place ? [p.place.file] : []));
    const csvTexts = [...new Set(csv)].map((f) => sources.get(f) ?? null);
    const r = await cached(options.cache, `event:${input.abs}`, [checked.source?.text, csvTexts, settings], () =>
      renderEvent(checked.model!, { draft: !!options.draft, only: options.only, templates, withContacts: options.withContacts }),
    );
    outputs.push(...r.outputs);
    if (r.reused) reused += r.outputs.length;
  }
  const names = new Set<string>();
  for (const { input, checked } of project.minutes) {
    const name = path.basename(input.abs).replace(/\.(md|markdown)$/i, '');
    if (names.has(name)) throw new UsageError(`two minutes files are both named "${name}": their outputs would overwrite each other.`);
    names.add(name);
    const r = await cached(options.cache, `minutes:${input.abs}`, [checked.text, checked.eventText, settings], () =>
      renderMinutes(checked.model!, name, { draft: !!options.draft, only: options.only, templates }),
    );
    outputs.push(...r.outputs);
    if (r.reused) reused += r.outputs.length;
  }
  const written = await writeAtomically(options.outDir, outputs);
  return { diagnostics, sources, written, ok: !hasErrors, reused };
}

/** Write every output to a temporary name first, then rename them all into place. */
export async function writeAtomically(dir: string, outputs: Output[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const temps: Array<{ tmp: string; final: string }> = [];
  try {
    for (const o of outputs) {
      const final = path.join(dir, o.name);
      const tmp = path.join(dir, `.${o.name}.${process.pid}.tmp`);
      await writeFile(tmp, o.bytes);
      temps.push({ tmp, final });
    }
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t.tmp, { force: true })));
    throw err;
  }
  for (const t of temps) await rename(t.tmp, t.final);
  return temps.map((t) => t.final);
}
