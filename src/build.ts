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
import type { Diagnostic, Place } from './diagnostics/types.js';
import type { EventModel } from './model/event.js';
import { runJobs, threadsFor, type Job, type WorkerInput } from './render/pool.js';
import { eventUnits, minutesCost, renderEventUnit, renderMinutesUnit, type Output, type Progress } from './render/units.js';
export { eventOutputs } from './render/units.js';
import { defaultTemplatesDir, TemplateError, Templates } from './render/templates.js';
import { stamp } from './checks/registry.js';
import { markCarriedActions } from './actions.js';
import { tx } from './i18n.js';
import { displayPath, projectRoot, resolveInside } from './util/paths.js';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { eventFolders } from './layout.js';
import { gridNotes } from './render/grid-notes.js';
import type { GridNote } from './render/grid.js';

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
  /** A template folder overriding the defaults by file name. */
  templates?: string;
  env?: NodeJS.ProcessEnv;
  /** Told when an output starts rendering, and of each new PDF page (for a progress line). */
  progress?: Progress;
  /** Threads to render on (default: COOP_JOBS, else the machine's cores, at most 4, for a big build); 1 renders on this thread only. */
  jobs?: number;
}

export type { Output, Progress };

export interface BuildResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  written: string[];
  ok: boolean;
  /** How many outputs were taken from the render cache (watch mode). */
  reused?: number;
}

/** Render the documents an event defines (all, or those named in `only`), in memory. */
export async function renderEvent(
  model: EventModel,
  opts: { draft: boolean; templates?: Templates; only?: readonly string[]; withContacts?: boolean; progress?: Progress; gridNotes?: GridNote[] },
): Promise<Output[]> {
  const templates = opts.templates ?? new Templates();
  const out: Output[] = [];
  for (const { key } of eventUnits(model, opts.only)) out.push(...(await renderEventUnit(model, key, templates, opts, opts.progress)));
  return out;
}

/** Render one minutes file: NAME.html and NAME.pdf. */
export async function renderMinutes(
  minutes: MinutesModel,
  name: string,
  opts: { draft: boolean; templates?: Templates; only?: readonly string[]; progress?: Progress },
): Promise<Output[]> {
  return renderMinutesUnit(minutes, name, opts.templates ?? new Templates(), opts, opts.progress);
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
  // Several events: each writes to its own folder; two that would share one are refused
  // here, before anything is read or written.
  const folders = eventFolders(files);
  const project = await checkProject(files, { strict: options.strict, lang: options.lang, cwd: options.cwd ?? process.cwd(), env: options.env });
  const { diagnostics, sources } = project;
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const unreadable = project.events.some((e) => !e.checked.model) || project.minutes.some((m) => !m.checked.model);
  if ((hasErrors && !options.draft) || unreadable) {
    return { diagnostics, sources, written: [], ok: false };
  }
  const cwd = options.cwd ?? process.cwd();
  // Minutes built together are a series: an action open in an earlier meeting is carried over.
  markCarriedActions(project.minutes.flatMap((m) => (m.checked.model ? [m.checked.model] : [])));
  // Template folders: --templates, else the event's `templates:`; each must stay in the project.
  const templateSets = new Map<string, Templates>();
  const templatesFor = (model: EventModel | null, eventAbs: string | null, root: string, place?: Place): Templates | null => {
    let dir: string | null = null;
    if (options.templates) dir = path.resolve(cwd, options.templates);
    else if (model?.templates && eventAbs) {
      const r = resolveInside(root, path.dirname(eventAbs), model.templates, 'folder');
      if ('error' in r) {
        diagnostics.push(templatePathProblem(model, r.error, options.lang, place));
        return null;
      }
      dir = r.abs;
    }
    const key = dir ?? '';
    let t = templateSets.get(key);
    if (!t) templateSets.set(key, (t = new Templates(dir ? [dir, defaultTemplatesDir] : [defaultTemplatesDir])));
    return t;
  };
  // The outputs, by the folder they go to (one per event when there are several; the minutes an
  // event lists, or that link it, go with it).
  const outputs = new Map<string, Output[]>();
  const fresh = new Map<string, Output[]>();
  const add = (to: Map<string, Output[]>, dir: string, list: Output[]) => to.set(dir, [...(to.get(dir) ?? []), ...list]);
  const dirOf = (eventAbs: string | null): string => {
    const sub = eventAbs === null ? undefined : (folders.get(eventAbs) ?? folders.get(realOwners.get(eventAbs) ?? ''));
    return sub ? path.join(options.outDir, sub) : options.outDir;
  };
  // A minutes file's `event:` is resolved through symbolic links; the command line's paths are not.
  const realOwners = new Map<string, string>();
  for (const abs of folders.keys()) realOwners.set(safeRealpath(abs), abs);
  const jobDirs: string[] = [];
  let reused = 0;
  try {
  const settings = [options.draft ?? false, options.only ?? null, options.withContacts ?? false, process.env.SOURCE_DATE_EPOCH ?? null];
  // A one-off build shares its documents out between threads; a watching build renders on
  // this thread, reusing what did not change.
  const jobs: Job[] = [];
  const shared: Omit<WorkerInput, 'units'> = { events: [], minutes: [] };
  for (const { input, checked } of project.events) {
    // The attendee CSV files are inputs too.
    const csv = checked.model!.attendees.flatMap((p) => (p.place ? [p.place.file] : []));
    // A workbook has no text in `sources`: its bytes' hash stands for it.
    const csvTexts = [...new Set(csv)].map((f) => sources.get(f) ?? fileHash(path.resolve(cwd, f)));
    const templates = templatesFor(checked.model, input.abs, projectRoot(input.abs), checked.source?.placeOf(['templates']));
    if (!templates) continue;
    const model = checked.model!;
    // A draft marks what the schedule checks found on the timetable grid (#18).
    const marks = options.draft && checked.source ? gridNotes(model, checked.source, checked.diagnostics) : undefined;
    const opts = { draft: !!options.draft, only: options.only, withContacts: options.withContacts, gridNotes: marks };
    if (!options.cache) {
      const event = shared.events.push({ model, templateDirs: templates.dirs, opts }) - 1;
      for (const { key, cost } of eventUnits(model, options.only)) {
        jobs.push({ cost, unit: { kind: 'event', event, key }, local: () => renderEventUnit(model, key, templates, opts, options.progress) });
        jobDirs.push(dirOf(input.abs));
      }
      continue;
    }
    const r = await cached(options.cache, `event:${input.abs}`, [checked.source?.text, csvTexts, settings, templateStamp(templates)], () =>
      renderEvent(model, { ...opts, templates, progress: options.progress }),
    );
    add(outputs, dirOf(input.abs), r.outputs);
    if (r.reused) reused += r.outputs.length;
    else add(fresh, dirOf(input.abs), r.outputs);
  }
  const names = new Set<string>();
  for (const { input, checked, owner } of project.minutes) {
    const name = path.basename(input.abs).replace(/\.(md|markdown)$/i, '');
    const dir = dirOf(owner);
    if (names.has(`${dir}\0${name}`)) throw new UsageError(`two minutes files are both named "${name}": their outputs would overwrite each other.`);
    names.add(`${dir}\0${name}`);
    const templates = templatesFor(null, null, cwd);
    if (!templates) continue;
    const model = checked.model!;
    const opts = { draft: !!options.draft, only: options.only };
    if (!options.cache) {
      const minutes = shared.minutes.push({ model, name, templateDirs: templates.dirs, opts }) - 1;
      jobs.push({ cost: minutesCost(model), unit: { kind: 'minutes', minutes }, local: () => renderMinutesUnit(model, name, templates, opts, options.progress) });
      jobDirs.push(dir);
      continue;
    }
    const carried = model.actions.map((a) => a.carriedSince ?? null);
    const r = await cached(options.cache, `minutes:${input.abs}`, [checked.text, checked.eventText, carried, settings, templateStamp(templates)], () =>
      renderMinutes(model, name, { ...opts, templates, progress: options.progress }),
    );
    add(outputs, dir, r.outputs);
    if (r.reused) reused += r.outputs.length;
    else add(fresh, dir, r.outputs);
  }
  if (jobs.length > 0) {
    const results = await runJobs(jobs, threadsFor(options.jobs, options.env ?? process.env), shared, options.progress ?? (() => {}));
    results.forEach((r, i) => add(outputs, jobDirs[i], r));
  }
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    const shown = displayPath(err.file, cwd);
    sources.set(shown, readFileSync(err.file, 'utf8')); // for the excerpt under the message
    const d = stamp(
      'template/invalid',
      {
        place: { file: shown, line: err.line, column: err.column, endLine: err.line, endColumn: err.column + 1 },
        message: tx(`Modèle invalide : ${err.message}.`, `Invalid template: ${err.message}.`),
      },
      { locale: options.lang ?? 'fr' },
    );
    if (d) diagnostics.push(d);
  }
  if (diagnostics.some((d) => d.rule === 'template/invalid' || d.rule === 'ref/outside-project')) {
    return { diagnostics, sources, written: [], ok: false };
  }
  // In watch mode, documents taken from the cache are already on disk: write only the new ones.
  // Every document is rendered by now; each folder is written atomically, one after the other.
  const written: string[] = [];
  for (const [dir, list] of options.cache ? fresh : outputs) written.push(...(await writeAtomically(dir, list)));
  return { diagnostics, sources, written, ok: !hasErrors, reused };
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
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

function fileHash(file: string): string | null {
  try {
    return createHash('sha1').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

/** What a template set was made from, so that editing a user template invalidates the render cache. */
function templateStamp(t: Templates): string[] {
  const out: string[] = [];
  for (const dir of t.dirs) {
    if (dir === defaultTemplatesDir) continue;
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const f = path.join(d, e.name);
        if (e.isDirectory()) walk(f);
        else out.push(`${f}:${statSync(f).mtimeMs}:${createHash('sha1').update(readFileSync(f)).digest('hex')}`);
      }
    };
    walk(dir);
  }
  return out;
}

function templatePathProblem(model: EventModel, error: 'outside' | 'missing' | 'folder' | 'not-folder', lang?: 'fr' | 'en', place?: Place): Diagnostic {
  const written = model.templates ?? '';
  const message =
    error === 'outside'
      ? tx(`Le dossier de modèles « ${written} » sort du dossier du projet.`, `The template folder "${written}" leaves the project folder.`)
      : tx(`Le dossier de modèles « ${written} » n’existe pas (ou n’est pas un dossier).`, `The template folder "${written}" does not exist (or is not a folder).`);
  return stamp(error === 'outside' ? 'ref/outside-project' : 'ref/unknown', { place: place ?? { file: model.file, line: 1, column: 1, endLine: 1, endColumn: 1 }, message }, { locale: lang ?? model.locale })!;
}
