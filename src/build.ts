/**
 * The build, as a pipeline: load → validate → check → render → write. Errors stop it
 * before anything is written (unless draft); every output is written to a temporary file
 * and renamed, so a failed build never leaves a half-written document.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { checkProject, inputRoot, templateDiagnostics, type Input, type MinutesModel } from './project.js';
import type { Diagnostic } from './diagnostics/types.js';
import type { Locale } from './i18n.js';
import type { EventModel } from './model/event.js';
import { runJobs, threadsFor, workerHeapMb, type Job, type WorkerInput } from './render/pool.js';
import {
  eventUnits,
  minutesCost,
  minutesSelected,
  renderEventUnit,
  renderEventUnitMemo,
  renderMinutesUnit,
  type Output,
  type Progress,
  type UnitMemo,
} from './render/units.js';
export { eventOutputs } from './render/units.js';
import { defaultTemplatesDir, TemplateError, Templates, type TemplateDir } from './render/templates.js';
import { markCarriedActions } from './actions.js';
import { displayPath, projectRoot } from './util/paths.js';
import { readdirSync, realpathSync } from 'node:fs';
import { eventFolders } from './layout.js';
import { EnvironmentError } from './errors.js';
import { confinedFolderSync, isInside, readConfinedSync } from './source/read.js';
import { writeAtomically } from './write.js';
export { writeAtomically, removeStaleTemporaries } from './write.js';
import { append } from './util/arrays.js';
import { gridNotes } from './render/grid-notes.js';
import { imagesOf } from './render/programme.js';
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
  /** Every PDF also PDF/A-2a (`--pdfa`); an event's `documents: { pdfa: true }` asks it for its own documents and minutes. */
  pdfa?: boolean;
  /** A template folder overriding the defaults by file name. */
  templates?: string;
  /** The project folder the template folder's files must stay in (default: the first input's). */
  templatesRoot?: string;
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
  /** The language of the messages (see ProjectCheck.locale). */
  locale: Locale;
  written: string[];
  ok: boolean;
  /** How many outputs were taken from the render cache (watch mode). */
  reused?: number;
  /** How many documents a rendering worker that ran out of heap left, rendered again by a fresh uncapped worker (pool.ts). */
  rerun?: number;
}

/** Render the documents an event defines (all, or those named in `only`), in memory. */
export async function renderEvent(
  model: EventModel,
  opts: { draft: boolean; templates?: Templates; only?: readonly string[]; withContacts?: boolean; progress?: Progress; gridNotes?: GridNote[] },
): Promise<Output[]> {
  const templates = opts.templates ?? new Templates();
  const out: Output[] = [];
  for (const { key } of eventUnits(model, opts.only)) append(out, await renderEventUnit(model, key, templates, opts, opts.progress));
  return out;
}

/** Render one minutes file: NAME.html and NAME.pdf. */
export async function renderMinutes(
  minutes: MinutesModel,
  name: string,
  opts: { draft: boolean; templates?: Templates; only?: readonly string[]; progress?: Progress; pdfa?: boolean },
): Promise<Output[]> {
  return renderMinutesUnit(minutes, name, opts.templates ?? new Templates(), opts, opts.progress);
}

/**
 * Rendered documents by key, with the hash of what they were made from: `coop build --watch`
 * keeps one across rebuilds, so a rebuild re-renders only the documents whose inputs changed.
 */
export type RenderCache = Map<string, { hash: string; outputs: Output[] }>;

/** Each event's documents as last made by a watching build, by render cache (see renderEventUnitMemo). */
const unitMemos = new WeakMap<RenderCache, Map<string, { context: string; units: UnitMemo }>>();

function hashOf(parts: unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The images a document shows (logos, Markdown images), by name and bytes: a logo replaced
 * while watching changes no text of the event, but its documents must be made again.
 */
function imagesStamp(images: ReadonlyMap<string, { bytes: Uint8Array }> | undefined): string {
  const h = createHash('sha1');
  for (const [name, image] of images ?? []) h.update(`${name}\0${image.bytes.length}\0`).update(image.bytes);
  return h.digest('hex');
}

async function cached(
  cache: RenderCache | undefined,
  key: string,
  parts: unknown[],
  render: () => Promise<Output[]>,
): Promise<{ outputs: Output[]; reused: boolean }> {
  const hash = hashOf(parts);
  const hit = cache?.get(key);
  if (hit && hit.hash === hash) return { outputs: hit.outputs, reused: true };
  const outputs = await render();
  cache?.set(key, { hash, outputs });
  return { outputs, reused: false };
}

/** Errors that stop a build even with --draft: rendering would write where it must not, or could not be trusted. */
const BLOCKING = new Set(['template/invalid', 'ref/outside-project', 'output/collision', 'syntax/encoding', 'syntax/markdown']);

export async function buildProject(files: Input[], options: BuildOptions & { cwd?: string; cache?: RenderCache }): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  // Several events: each writes to its own folder; two that would share one are refused
  // here, before anything is read or written.
  const folders = eventFolders(files);
  const roots = await Promise.all(files.map((f) => inputRoot(f.abs, options.env)));
  // --templates: a folder already resolved inside the project of the first input (cli/build.ts).
  const cliTemplates: TemplateDir | undefined = options.templates
    ? { dir: path.resolve(cwd, options.templates), root: options.templatesRoot ?? roots[0] ?? cwd }
    : undefined;
  const confined = outputRoots(
    files.map((f) => f.abs),
    roots,
    cwd,
  );
  confineOutput(options.outDir, confined, (p) => displayPath(p, cwd));
  const project = await checkProject(files, { strict: options.strict, lang: options.lang, cwd, env: options.env, templates: cliTemplates });
  const { diagnostics, sources, locale } = project;
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const blocked = diagnostics.some((d) => d.severity === 'error' && BLOCKING.has(d.rule));
  const unreadable = project.events.some((e) => !e.checked.model) || project.minutes.some((m) => !m.checked.model);
  if ((hasErrors && !options.draft) || unreadable || blocked) {
    return { diagnostics, sources, locale, written: [], ok: false };
  }
  // Minutes built together are a series: an action open in an earlier meeting is carried over.
  markCarriedActions(project.minutes.flatMap((m) => (m.checked.model ? [m.checked.model] : [])));
  const templateSets = new Map<string, Templates>();
  const templatesFor = (dir: TemplateDir | null): Templates => {
    const key = dir ? JSON.stringify(dir) : '';
    let t = templateSets.get(key);
    if (!t) templateSets.set(key, (t = new Templates(dir ? [dir, defaultTemplatesDir] : [defaultTemplatesDir], options.env)));
    return t;
  };
  // The outputs, by the folder they go to (one per event when there are several; the minutes an
  // event lists, or that link it, go with it).
  const outputs = new Map<string, Output[]>();
  const fresh = new Map<string, Output[]>();
  const add = (to: Map<string, Output[]>, dir: string, list: Output[]) => to.set(dir, append(to.get(dir) ?? [], list));
  const dirOf = (eventAbs: string | null): string => {
    const sub = eventAbs === null ? undefined : (folders.get(eventAbs) ?? folders.get(realOwners.get(eventAbs) ?? ''));
    return sub ? path.join(options.outDir, sub) : options.outDir;
  };
  // A minutes file's `event:` is resolved through symbolic links; the command line's paths are not.
  const realOwners = new Map<string, string>();
  for (const abs of folders.keys()) realOwners.set(safeRealpath(abs), abs);
  const jobDirs: string[] = [];
  let reused = 0;
  let rerun = 0;
  try {
    const settings = [
      options.draft ?? false,
      options.only ?? null,
      options.withContacts ?? false,
      options.pdfa ?? false,
      process.env.SOURCE_DATE_EPOCH ?? null,
    ];
    // A one-off build shares its documents out between threads; a watching build renders on
    // this thread, reusing what did not change.
    const jobs: Job[] = [];
    const shared: Omit<WorkerInput, 'units'> = { events: [], minutes: [] };
    for (const { input, checked, templates: dir } of project.events) {
      // The attendee CSV files are inputs too.
      const csv = checked.model!.attendees.flatMap((p) => (p.place ? [p.place.file] : []));
      // A workbook has no text in `sources`: its bytes' hash stands for it.
      const csvTexts = [...new Set(csv)].map((f) => sources.get(f) ?? fileHash(path.resolve(cwd, f), projectRoot(input.abs), options.env));
      const templates = templatesFor(dir);
      const model = checked.model!;
      // A draft marks what the schedule checks found on the timetable grid (#18).
      const marks = options.draft && checked.source ? gridNotes(model, checked.source, checked.diagnostics) : undefined;
      const opts = {
        draft: !!options.draft,
        only: options.only,
        withContacts: options.withContacts,
        gridNotes: marks,
        pdfa: !!options.pdfa || !!model.documents.pdfa,
      };
      if (!options.cache) {
        const event = shared.events.push({ model, templateDirs: templates.sources, opts }) - 1;
        for (const { key, cost } of eventUnits(model, options.only)) {
          jobs.push({ cost, unit: { kind: 'event', event, key }, local: () => renderEventUnit(model, key, templates, opts, options.progress) });
          jobDirs.push(dirOf(input.abs));
        }
        continue;
      }
      // Nothing changed: every document as it is. Else each document is made again, and laid
      // out and written only when it differs from last time (renderEventUnitMemo).
      const eventKey = `event:${input.abs}`;
      const context = hashOf([csvTexts, settings, templateStamp(templates), imagesStamp(imagesOf(model))]);
      const hash = hashOf([checked.source?.text, context]);
      const hit = options.cache.get(eventKey);
      if (hit && hit.hash === hash) {
        add(outputs, dirOf(input.abs), hit.outputs);
        reused += hit.outputs.length;
        continue;
      }
      let memo = unitMemos.get(options.cache)?.get(eventKey);
      if (!memo || memo.context !== context) {
        if (!unitMemos.has(options.cache)) unitMemos.set(options.cache, new Map());
        unitMemos.get(options.cache)!.set(eventKey, (memo = { context, units: new Map() }));
      }
      const all: Output[] = [];
      for (const { key } of eventUnits(model, options.only)) {
        const u = await renderEventUnitMemo(model, key, templates, opts, options.progress, memo.units);
        append(all, u.outputs);
        if (u.reused) reused += u.outputs.length;
        else add(fresh, dirOf(input.abs), u.outputs);
      }
      options.cache.set(eventKey, { hash, outputs: all });
      add(outputs, dirOf(input.abs), all);
    }
    // Minutes output names never collide (output/collision, found by the check).
    for (const { input, checked, owner, templates: dir, name } of project.minutes) {
      // `--only programme.pdf`: a minutes file none of whose outputs is wanted is not laid out
      // (its check ran with the project's; its templates were tried there too).
      if (!minutesSelected(name, options.only)) continue;
      const templates = templatesFor(dir);
      const model = checked.model!;
      const opts = { draft: !!options.draft, only: options.only, pdfa: !!options.pdfa || !!model.event?.documents.pdfa };
      const out = dirOf(owner);
      if (!options.cache) {
        const minutes = shared.minutes.push({ model, name, templateDirs: templates.sources, opts }) - 1;
        jobs.push({
          cost: minutesCost(model),
          unit: { kind: 'minutes', minutes },
          local: () => renderMinutesUnit(model, name, templates, opts, options.progress),
        });
        jobDirs.push(out);
        continue;
      }
      const carried = model.actions.map((a) => a.carriedSince ?? null);
      const r = await cached(
        options.cache,
        `minutes:${input.abs}`,
        [checked.text, checked.eventText, carried, settings, templateStamp(templates), imagesStamp(model.images)],
        () => renderMinutes(model, name, { ...opts, templates, progress: options.progress }),
      );
      add(outputs, out, r.outputs);
      if (r.reused) reused += r.outputs.length;
      else add(fresh, out, r.outputs);
    }
    if (jobs.length > 0) {
      const env = options.env ?? process.env;
      const run = await runJobs(jobs, { ...threadsFor(options.jobs, env), heapMb: workerHeapMb(env) }, shared, options.progress ?? (() => {}));
      run.results.forEach((r, i) => add(outputs, jobDirs[i], r));
      rerun = run.rerun;
    }
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    append(diagnostics, templateDiagnostics(err, cwd, options.lang ?? 'fr', sources));
    return { diagnostics, sources, locale, written: [], ok: false };
  }
  // In watch mode, documents taken from the cache are already on disk: write only the new ones.
  // Every document is rendered by now; each folder is written atomically, one after the other.
  const toWrite = options.cache ? fresh : outputs;
  // An event's folder of the output folder (out/lyon/) may not be a link out of the project either.
  for (const dir of toWrite.keys()) confineOutput(dir, confined, (p) => displayPath(p, cwd));
  const written: string[] = [];
  for (const [dir, list] of toWrite) append(written, await writeAtomically(dir, list, (p) => displayPath(p, cwd)));
  return { diagnostics, sources, locale, written, ok: !hasErrors, reused, rerun };
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * The folders an output folder must really be in when it is inside them: the project folders
 * of the inputs, and the current folder when it holds an input (a CI job building the bundle
 * it checked out, `coop build lyon/event.yaml lille/event.yaml -o out`: each event's project is
 * its own folder, the bundle is the current folder).
 */
export function outputRoots(inputs: string[], roots: string[], cwd: string): string[] {
  return inputs.some((abs) => isInside(path.resolve(cwd), path.resolve(abs))) ? [...roots, cwd] : roots;
}

/**
 * An output folder inside a project must really be there: a bundle that ships `out` as a
 * symbolic link to another folder (a home, a web root) would have `coop build event.yaml`
 * write and clean up there. A folder given outside the project (`-o /srv/www`) is the user's
 * choice and is not refused.
 */
export function confineOutput(outDir: string, roots: string[], shown: (p: string) => string): void {
  const lexical = path.resolve(outDir);
  // The deepest part of the path that exists, links resolved.
  let existing = lexical;
  let real: string | null = null;
  for (;;) {
    try {
      real = path.join(realpathSync(existing), path.relative(existing, lexical));
      break;
    } catch {
      const up = path.dirname(existing);
      if (up === existing) break;
      existing = up;
    }
  }
  if (real === null) return;
  for (const root of new Set(roots)) {
    if (!isInside(path.resolve(root), lexical)) continue;
    let realRoot = root;
    try {
      realRoot = realpathSync(root);
    } catch {
      /* the root itself is gone: nothing to compare */
    }
    if (!isInside(realRoot, real)) {
      throw new EnvironmentError(
        `the output folder ${shown(lexical)} leads outside the project folder (a symbolic link to ${real}): coop does not write there; give -o a folder of the project, or the real path.`,
      );
    }
  }
}

/** The hash of a file read as the project's files are (inside `root`, links resolved, bounded), or null. */
function fileHash(file: string, root: string, env?: NodeJS.ProcessEnv): string | null {
  const r = readConfinedSync(file, root, env);
  return 'bytes' in r ? createHash('sha1').update(r.bytes).digest('hex') : null;
}

/**
 * What a template set was made from, so that editing a user template invalidates the render
 * cache: every file of the user folders, read as the templates are (inside the project, links
 * resolved, bounded), at most 2,000 files and 8 levels.
 */
function templateStamp(t: Templates): string[] {
  const out: string[] = [];
  for (const { dir, root } of t.sources) {
    if (root === null) continue;
    let files = 0;
    const walk = (d: string, depth: number) => {
      const listed = confinedFolderSync(d, root);
      if ('refused' in listed || depth > 8) return;
      let entries;
      try {
        entries = readdirSync(listed.real, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (++files > 2000) return;
        const f = path.join(d, e.name);
        if (e.isDirectory()) walk(f, depth + 1);
        else {
          const r = readConfinedSync(f, root, { COOP_MAX_INPUT_MB: '1' });
          out.push(`${f}:${'bytes' in r ? createHash('sha1').update(r.bytes).digest('hex') : r.refused}`);
        }
      }
    };
    walk(dir, 0);
  }
  return out;
}
