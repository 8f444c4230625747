/**
 * The library API. The command-line program is a thin layer over the same functions:
 *
 *   import { load, check, build } from 'coop';
 *   const { diagnostics, ok } = await check('event.yaml');
 *   if (ok) await build('event.yaml', { outDir: 'out' });
 */
import path from 'node:path';
import { buildProject, type BuildResult } from './build.js';
import { checkProject, isMinutesFile, type Input } from './project.js';
import type { Diagnostic } from './diagnostics/types.js';
import type { Locale } from './i18n.js';
import type { MinutesModel } from './minutes/model.js';
import { displayPath } from './util/paths.js';
import type { EventModel } from './model/event.js';

export interface ApiOptions {
  /** The folder paths are relative to, and the project folder inputs must stay in. Default: process.cwd(). */
  cwd?: string;
  /** Warnings become errors. */
  strict?: boolean;
  /** Language of the messages (default: the file's locale, else French). */
  lang?: Locale;
}

function inputs(files: string | string[], cwd: string): Input[] {
  return (Array.isArray(files) ? files : [files]).map((f) => {
    const abs = path.resolve(cwd, f);
    return { abs, display: displayPath(abs, cwd) };
  });
}

export type Loaded =
  { kind: 'event'; model: EventModel | null; diagnostics: Diagnostic[] } | { kind: 'minutes'; model: MinutesModel | null; diagnostics: Diagnostic[] };

/** Load one event file or minutes file: the validated, normalised model (null when it has errors that stop reading it). */
export async function load(file: string, options: ApiOptions = {}): Promise<Loaded> {
  const cwd = options.cwd ?? process.cwd();
  const project = await checkProject(inputs(file, cwd), { ...options, cwd });
  if (isMinutesFile(file)) return { kind: 'minutes', model: project.minutes[0]?.checked.model ?? null, diagnostics: project.diagnostics };
  return { kind: 'event', model: project.events[0]?.checked.model ?? null, diagnostics: project.diagnostics };
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** No error (warnings allowed unless `strict`). */
  ok: boolean;
  events: EventModel[];
  minutes: MinutesModel[];
}

/** Load, validate and check files (and the minutes events list): what `coop check` prints. */
export async function check(files: string | string[], options: ApiOptions = {}): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const project = await checkProject(inputs(files, cwd), { ...options, cwd });
  return {
    diagnostics: project.diagnostics,
    ok: !project.diagnostics.some((d) => d.severity === 'error'),
    events: project.events.flatMap((e) => (e.checked.model ? [e.checked.model] : [])),
    minutes: project.minutes.flatMap((m) => (m.checked.model ? [m.checked.model] : [])),
  };
}

export interface BuildApiOptions extends ApiOptions {
  outDir: string;
  draft?: boolean;
  only?: string[];
}

/** Check, then render every document into `outDir` (atomically): what `coop build` does. */
export async function build(files: string | string[], options: BuildApiOptions): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  return buildProject(inputs(files, cwd), { ...options, outDir: path.resolve(cwd, options.outDir), cwd });
}
