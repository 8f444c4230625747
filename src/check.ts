/**
 * Checking: load, validate and check event files and minutes, and the minutes an event
 * lists under `minutes:`. Every referenced path must stay inside the project folder.
 */
import { maxInputBytes, readInput } from './source/read.js';
import path from 'node:path';
import { checkLevels, runChecks, runMinutesChecks, stampProblems, suppressInMarkdown, suppressInYaml, type StampOptions } from './checks/registry.js';
import type { Diagnostic } from './diagnostics/types.js';
import { tx, type Locale } from './i18n.js';
import { loadEventFile, type LoadedEvent } from './load.js';
import { mergeAttendees } from './model/attendees.js';
import { linkedEventOf, loadMinutesText, type LoadedMinutes, type MinutesModel } from './minutes/model.js';
import type { EventModel } from './model/event.js';
import { decodeText } from './source/text.js';
import { readAttendeeFile } from './attendees/file.js';
import type { RawProblem } from './source/yaml.js';
import { expandGlob } from './util/glob.js';
import { displayPath, EVENT_LEVELS_UP, projectRoot, resolveInside, resolveInsideLexically } from './util/paths.js';

export interface CheckOptions {
  /** Warnings become errors. */
  strict?: boolean;
  /** Language of the messages; default: the file's `locale`, else French. */
  lang?: Locale;
  /** The environment (COOP_MAX_INPUT_MB); default: process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface CheckedEvent extends LoadedEvent {
  diagnostics: Diagnostic[];
}

/** Load, validate and check one event file. */
export async function checkEventFile(file: string, displayName: string, options: CheckOptions = {}): Promise<CheckedEvent> {
  return checkLoaded(await loadEventFile(file, displayName), options);
}

export function checkLoaded(loaded: LoadedEvent, options: CheckOptions = {}): CheckedEvent {
  const stampOptions: StampOptions = {
    levels: loaded.model?.checks,
    strict: options.strict,
    locale: options.lang ?? loaded.locale ?? 'fr',
  };
  const problems = [...loaded.problems];
  if (loaded.model && loaded.source) problems.push(...checkLevels(loaded.model, loaded.source));
  let diagnostics = stampProblems(problems, stampOptions);
  if (loaded.model && loaded.source) diagnostics.push(...runChecks(loaded.model, loaded.source, stampOptions));
  // `# coop-ignore:` comments (FORMAT.md §5.3); a file that does not parse has none to trust.
  if (loaded.source?.ok) diagnostics = suppressInYaml(diagnostics, loaded.source, stampOptions);
  return { ...loaded, diagnostics };
}

export interface CheckedMinutes extends LoadedMinutes {
  diagnostics: Diagnostic[];
  /** The project folder of the minutes (their linked event's folder, or their own). */
  root: string;
  /** The text of the linked event file, when there is one (for change detection). */
  eventText: string | null;
  /** The linked event file (`event:`), resolved, when there is one. */
  eventAbs: string | null;
}

export function isMinutesFile(file: string): boolean {
  return /\.(md|markdown)$/i.test(file);
}

/** The project folder of a file named on the command line (minutes: found from their `event:`). */
export async function inputRoot(abs: string): Promise<string> {
  if (!isMinutesFile(abs)) return projectRoot(abs);
  try {
    const read = await readInput(abs); // within the size limit
    const text = 'bytes' in read ? decodeText(read.bytes).text : undefined;
    return projectRoot(abs, text === undefined ? null : linkedEventOf(text));
  } catch {
    return projectRoot(abs);
  }
}

export interface Input {
  abs: string;
  display: string;
}

export interface ProjectCheck {
  events: Array<{ input: Input; checked: CheckedEvent }>;
  /** `owner`: the event file the minutes belong to (the one listing them in `minutes:`, else the one they link), or null. */
  minutes: Array<{ input: Input; checked: CheckedMinutes; owner: string | null }>;
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

/**
 * Check what the command line names: event files (with the minutes they list) and minutes
 * files (with the event they link). Each file is read once, and reported once.
 */
export async function checkProject(inputs: Input[], options: CheckOptions & { cwd: string }): Promise<ProjectCheck> {
  const result: ProjectCheck = { events: [], minutes: [], diagnostics: [], sources: new Map() };
  const eventCache = new Map<string, Promise<LoadedEvent>>();
  const display = (abs: string) => displayPath(abs, options.cwd);
  const loadEvent = (abs: string) => {
    let p = eventCache.get(abs);
    if (!p) eventCache.set(abs, (p = loadEventFile(abs, display(abs), options.env)));
    return p;
  };
  const seen = new Set<string>();
  const minutesQueue: Array<{ input: Input; listedBy?: string }> = [];

  for (const input of inputs) {
    if (seen.has(input.abs)) continue;
    seen.add(input.abs);
    if (isMinutesFile(input.abs)) {
      minutesQueue.push({ input });
      continue;
    }
    const root = projectRoot(input.abs);
    const loaded = await loadEvent(input.abs);
    if (loaded.model) await readAttendeeFiles(loaded, input.abs, root, display, result.sources, options.env);
    const checked = checkLoaded(loaded, options);
    result.events.push({ input, checked });
    result.diagnostics.push(...checked.diagnostics);
    if (checked.source) result.sources.set(input.display, checked.source.text);
    // The minutes this event lists.
    const model = checked.model;
    if (!model) continue;
    const problems: RawProblem[] = [];
    model.minutes.forEach((glob, i) => {
      const dir = path.dirname(input.abs);
      const matches = expandGlob(dir, glob);
      // A pattern whose fixed part leaves the project is refused as such, matches or not.
      const fixed = glob.split(/[*?]/)[0];
      if (fixed && !resolveInsideLexically(root, dir, fixed)) {
        problems.push(pathProblem('outside', glob, checked.source!.placeOf(['minutes', i])));
        return;
      }
      for (const m of matches) {
        const r = resolveInside(root, dir, path.relative(dir, m), 'file');
        if ('error' in r) {
          problems.push(pathProblem(r.error, display(m), checked.source!.placeOf(['minutes', i])));
          continue;
        }
        if (!seen.has(r.abs)) {
          seen.add(r.abs);
          minutesQueue.push({ input: { abs: r.abs, display: display(r.abs) }, listedBy: input.abs });
        }
      }
      if (matches.length === 0 && !/[*?]/.test(glob)) {
        problems.push(pathProblem('missing', glob, checked.source!.placeOf(['minutes', i])));
      } else if (matches.length === 0) {
        problems.push({
          rule: 'ref/no-match',
          message: tx(`Le motif « ${glob} » ne désigne aucun fichier.`, `The pattern "${glob}" matches no file.`),
          place: checked.source!.placeOf(['minutes', i]),
        });
      }
    });
    result.diagnostics.push(...stampProblems(problems, { locale: options.lang ?? model.locale, strict: options.strict }));
  }

  for (const { input, listedBy } of minutesQueue) {
    const checked = await checkMinutesFile(input, options, loadEvent);
    result.minutes.push({ input, checked, owner: listedBy ?? checked.eventAbs });
    result.diagnostics.push(...checked.diagnostics);
    result.sources.set(input.display, checked.text);
  }
  return result;
}

/**
 * Read the files of `attendees: - file: x.csv` (CSV, .xlsx or .ods) into the model's attendees
 * (each row keeps its line: the CSV line, or the spreadsheet row).
 */
async function readAttendeeFiles(
  loaded: LoadedEvent,
  eventAbs: string,
  root: string,
  display: (abs: string) => string,
  sources: Map<string, string>,
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  const model = loaded.model!;
  for (const { file, path: yamlPath, sheet, sheetPath, nameOrder } of model.attendeeFiles) {
    const place = loaded.source!.placeOf(yamlPath);
    const r = resolveInside(root, path.dirname(eventAbs), file, 'file');
    if ('error' in r) {
      loaded.problems.push(pathProblem(r.error, file, place));
      continue;
    }
    const shown = display(r.abs);
    const read = await readInput(r.abs, env);
    if ('tooLarge' in read) {
      loaded.problems.push({ rule: 'syntax/size', message: read.tooLarge, place: { file: shown, line: 1, column: 1, endLine: 1, endColumn: 1 } });
      continue;
    }
    const bytes = read.bytes;
    // Workbooks inflate: their XML may be four times the input limit, no more.
    const { people, problems, text } = await readAttendeeFile(bytes, r.abs, shown, {
      sheet: sheet ?? null,
      sheetPlace: sheet != null && sheetPath ? loaded.source!.placeOf(sheetPath) : null,
      filePlace: place,
      locale: model.locale,
      maxBytes: 4 * maxInputBytes(env),
      maxCells: 500_000,
      nameOrder,
    });
    loaded.problems.push(...problems);
    if (text !== undefined) sources.set(shown, text);
    for (const p of people) {
      const org = p.org === null ? null : (model.organisations.get(p.org) ?? { id: null, name: p.org, short: null, path: yamlPath });
      model.attendees.push({
        id: null,
        name: p.name,
        civility: p.civility,
        role: p.role,
        org,
        email: p.email,
        phone: p.phone,
        path: yamlPath,
        place: { file: shown, line: p.line, column: 1, endLine: p.line, endColumn: 2 },
      });
    }
  }
  // A registration export lists the speakers too: a row named as a `people` entry is that person.
  mergeAttendees(model);
}

function pathProblem(error: 'outside' | 'missing' | 'folder' | 'not-folder', written: string, place: RawProblem['place']): RawProblem {
  if (error === 'folder' || error === 'not-folder') {
    return {
      rule: 'ref/unknown',
      message:
        error === 'folder'
          ? tx(`« ${written} » est un dossier : un fichier est attendu.`, `"${written}" is a folder: expected a file.`)
          : tx(`« ${written} » est un fichier : un dossier est attendu.`, `"${written}" is a file: expected a folder.`),
      place,
    };
  }
  return error === 'outside'
    ? {
        rule: 'ref/outside-project',
        message: tx(
          `Le chemin « ${written} » sort du dossier du projet : les fichiers liés doivent rester dans le dossier de l’événement.`,
          `The path "${written}" leaves the project folder: linked files must stay inside the event's folder.`,
        ),
        place,
      }
    : {
        rule: 'ref/unknown',
        message:
          written.trim() === ''
            ? tx('Le chemin est vide : le nom d’un fichier est attendu.', 'The path is empty: expected a file name.')
            : tx(`Le fichier « ${written} » n’existe pas.`, `The file "${written}" does not exist.`),
        place,
      };
}

async function checkMinutesFile(
  input: Input,
  options: CheckOptions,
  loadEvent: (abs: string) => Promise<LoadedEvent>,
): Promise<CheckedMinutes> {
  const read = await readInput(input.abs, options.env);
  const decoded = 'tooLarge' in read ? { text: undefined, problem: read.tooLarge, rule: 'syntax/size' } : { ...decodeText(read.bytes), rule: 'syntax/encoding' };
  if (decoded.text === undefined) {
    const place = { file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const problems: RawProblem[] = [{ rule: decoded.rule, message: decoded.problem, place }];
    return { file: input.display, text: '', model: null, front: null, locale: null, problems, eventText: null, eventAbs: null, root: projectRoot(input.abs), diagnostics: stampProblems(problems, { locale: options.lang ?? 'fr' }) };
  }
  let eventText: string | null = null;
  let eventAbs: string | null = null;
  let root = projectRoot(input.abs);
  const loaded = await loadMinutesText(decoded.text, input.display, {
    async resolveEvent(written: string) {
      // The minutes belong to the project of the event they link (when it is above them).
      root = projectRoot(input.abs, written);
      const r = written.trim() === '' ? { error: 'missing' as const } : resolveInside(root, path.dirname(input.abs), written, 'file');
      if ('error' in r) {
        return {
          model: null,
          problem: pathProblem(r.error, written, { file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1 }).message,
          rule: r.error === 'outside' ? 'ref/outside-project' : 'ref/unknown',
          note:
            r.error === 'outside'
              ? tx(
                  `L’événement d’un compte rendu doit être dans son dossier ou dans l’un des ${EVENT_LEVELS_UP} dossiers au-dessus (\`event: ../event.yaml\`) : c’est le dossier du projet.`,
                  `The event of minutes must be in their folder or in one of the ${EVENT_LEVELS_UP} folders above it (\`event: ../event.yaml\`): that is the project folder.`,
                )
              : undefined,
        };
      }
      const ev = await loadEvent(r.abs);
      eventText = ev.source?.text ?? null;
      eventAbs = r.abs;
      if (!ev.model) {
        return {
          model: null,
          problem: tx(
            `L’événement « ${written} » a des erreurs qui empêchent de le lire : lancez \`coop check ${written}\`.`,
            `The event "${written}" has errors that stop it from being read: run \`coop check ${written}\`.`,
          ),
        };
      }
      return { model: ev.model };
    },
  });
  const stampOptions: StampOptions = { strict: options.strict, locale: options.lang ?? loaded.locale ?? 'fr', levels: loaded.model?.event?.checks };
  let diagnostics = stampProblems(loaded.problems, stampOptions);
  if (loaded.model) diagnostics.push(...runMinutesChecks(loaded.model, stampOptions));
  // `<!-- coop-ignore: … -->` in the body, `# coop-ignore:` in the front matter (FORMAT.md §5.3).
  if (loaded.model) diagnostics = suppressInMarkdown(diagnostics, loaded.file, loaded.text, loaded.front, stampOptions);
  return { ...loaded, diagnostics, eventText, eventAbs, root };
}

export type { EventModel, MinutesModel };
