/**
 * The project: what the command line names, loaded, validated and checked — event files, the
 * minutes they list under `minutes:` (or that link them), their attendee files, and a user
 * template folder (tried by rendering). It runs the first stages for `build`, `check`,
 * `model` and `actions`; the rules themselves are in checks/. Every referenced path must stay
 * inside the project folder.
 */
import { readConfined, refusalRule } from './source/read.js';
import path from 'node:path';
import { checkLevels, runChecks, runMinutesChecks, stamp, stampProblems, suppressInMarkdown, suppressInYaml, type StampOptions } from './checks/registry.js';
import { unlikelyYear, unlikelyYearRule } from './checks/rules/unlikely-year.js';
import { messageText } from './checks/messages.js';
import { formatMessage, stageMessage, type Diagnostic } from './diagnostics/types.js';
import { collisionMessages, minutesPatternMessages, templateFolderMessages, templateMessages } from './checks/project-messages.js';
import type { Locale } from './i18n.js';
import { loadEventFile, type LoadedEvent } from './load.js';
import { loadAttendeeFiles } from './attendees/load.js';
import { pathProblem } from './source/path-problem.js';
import { linkedEventMessages, linkedEventOf, loadMinutesText, type LoadedMinutes, type MinutesModel } from './minutes/model.js';
import { descriptionTexts, type EventModel } from './model/event.js';
import { decodeText } from './source/text.js';
import { AssetNames, readMarkdownImages, readProjectImage, type MarkdownImage } from './source/project-images.js';
import type { Problem } from './diagnostics/types.js';
import { expandGlob } from './util/glob.js';
import type { Place } from './diagnostics/types.js';
import type { TemplateDir, TemplateError, Templates } from './render/templates.js';
import { reservedOutputNames } from './render/outputs.js';
import { append } from './util/arrays.js';
import { realpathSync } from 'node:fs';
import { displayPath, EVENT_LEVELS_UP, projectRoot, resolveInside, resolveInsideLexically } from './util/paths.js';

export interface CheckOptions {
  /** Warnings become errors. */
  strict?: boolean;
  /** Language of the messages; default: the file's `locale`, else French. */
  lang?: Locale;
  /** The environment (COOP_MAX_INPUT_MB); default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** A template folder given on the command line (`--templates`), already resolved inside its project. */
  templates?: TemplateDir;
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
  if (loaded.model && loaded.source) append(problems, checkLevels(loaded.model, loaded.source));
  let diagnostics = stampProblems(problems, stampOptions);
  if (loaded.model && loaded.source) append(diagnostics, runChecks(loaded.model, loaded.source, stampOptions));
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
export async function inputRoot(abs: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (!isMinutesFile(abs)) return projectRoot(abs);
  try {
    const read = await readConfined(abs, projectRoot(abs), env); // inside its folder, within the size limit
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
  /** `templates`: the user template folder the documents are rendered with (null: coop's own). */
  events: Array<{ input: Input; checked: CheckedEvent; templates: TemplateDir | null }>;
  /**
   * `owner`: the event file the minutes belong to (the one listing them in `minutes:`, else the
   * one they link), or null; `name`: the base name of the outputs (`compte-rendu` for
   * compte-rendu.html, .pdf and .docx).
   */
  minutes: Array<{ input: Input; checked: CheckedMinutes; owner: string | null; templates: TemplateDir | null; name: string }>;
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** The language of the messages: `--lang`, else the first event's (or minutes') locale, else French. */
  locale: Locale;
}

/**
 * Check what the command line names: event files (with the minutes they list) and minutes
 * files (with the event they link). Each file is read once, and reported once.
 */
export async function checkProject(inputs: Input[], options: CheckOptions & { cwd: string }): Promise<ProjectCheck> {
  const result: ProjectCheck = { events: [], minutes: [], diagnostics: [], sources: new Map(), locale: options.lang ?? 'fr' };
  const eventCache = new Map<string, Promise<LoadedEvent>>();
  const display = (abs: string) => displayPath(abs, options.cwd);
  const loadEvent = (abs: string, root: string) => {
    let p = eventCache.get(abs);
    if (!p) eventCache.set(abs, (p = loadEventFile(abs, display(abs), options.env, root)));
    return p;
  };
  const seen = new Set<string>();
  /**
   * `listedBy`/`root`: the event listing the minutes and its project folder (null: named on the
   * command line); `place`: where the minutes are named (an event's `minutes:` entry), for
   * problems with the file as a whole.
   */
  const minutesQueue: Array<{ input: Input; listedBy: string | null; root: string | null; place: Place | null; locale: Locale }> = [];

  for (const input of inputs) {
    if (seen.has(input.abs)) continue;
    seen.add(input.abs);
    if (isMinutesFile(input.abs)) {
      minutesQueue.push({ input, listedBy: null, root: null, place: null, locale: options.lang ?? 'fr' });
      continue;
    }
    const root = projectRoot(input.abs);
    const loaded = await loadEvent(input.abs, root);
    if (loaded.model) await loadAttendeeFiles(loaded, input.abs, root, display, result.sources, options.env);
    if (loaded.model) await readEventImages(loaded, input.abs, root, options.env);
    const checked = checkLoaded(loaded, options);
    append(result.diagnostics, checked.diagnostics);
    // The event's template folder (or --templates): inside the project, and free of what
    // would stop a build (checked by rendering, only when there are user templates).
    let templates: TemplateDir | null = options.templates ?? null;
    if (!templates && checked.model?.templates && checked.source) {
      const place = checked.source.placeOf(['templates']);
      const r = resolveInside(root, path.dirname(input.abs), checked.model.templates, 'folder');
      if ('error' in r) {
        append(
          result.diagnostics,
          stampProblems([templateFolderProblem(checked.model.templates, r.error, place)], { locale: options.lang ?? checked.model.locale }),
        );
      } else templates = { dir: r.abs, root };
    }
    if (templates && checked.model) {
      const failure = await tryTemplates(templates, options.env, (t, m) => m.tryEventTemplates(checked.model!, t));
      if (failure) append(result.diagnostics, templateDiagnostics(failure, options.cwd, options.lang ?? checked.model.locale, result.sources));
    }
    result.events.push({ input, checked, templates });
    if (checked.source) result.sources.set(input.display, checked.source.text);
    // The minutes this event lists.
    const model = checked.model;
    if (!model) continue;
    const problems: Problem[] = [];
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
          minutesQueue.push({
            input: { abs: r.abs, display: display(r.abs) },
            listedBy: input.abs,
            root,
            place: checked.source!.placeOf(['minutes', i]),
            locale: options.lang ?? model.locale,
          });
        }
      }
      if (matches.length === 0 && !/[*?]/.test(glob)) {
        problems.push(pathProblem('missing', glob, checked.source!.placeOf(['minutes', i])));
      } else if (matches.length === 0) {
        problems.push({
          rule: 'ref/no-match',
          ...stageMessage('ref/no-match', minutesPatternMessages, 'noMatch', { pattern: glob }),
          place: checked.source!.placeOf(['minutes', i]),
        });
      }
    });
    append(result.diagnostics, stampProblems(problems, { locale: options.lang ?? model.locale, strict: options.strict }));
  }

  // Output names: a minutes file writes NAME.html, NAME.pdf and NAME.docx next to the
  // documents of its event (several events: in that event's folder of the output folder).
  const reserved = reservedOutputNames();
  const names = new Map<string, Input>();
  const folderOf = outputFolders(inputs);
  for (const { input, listedBy, root, place, locale } of minutesQueue) {
    const checked = await checkMinutesFile(input, root, options, loadEvent);
    const owner = listedBy ?? checked.eventAbs;
    const name = minutesOutputName(input.abs);
    const at = place ?? { file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const key = `${folderOf(owner)}\0${name.toLowerCase()}`;
    const other = names.get(key);
    const clash = other
      ? stageMessage('output/collision', collisionMessages, 'sameOutputs', { name, file: input.display, other: other.display })
      : reserved.has(name.toLowerCase())
        ? stageMessage('output/collision', collisionMessages, 'eventDocument', { name, file: path.basename(input.abs) })
        : null;
    if (clash) {
      const d = stampProblems([{ rule: 'output/collision', ...clash, place: at }], { locale: options.lang ?? checked.locale ?? locale });
      append(checked.diagnostics, d);
    } else names.set(key, input);
    const templates = options.templates ?? null;
    if (templates && checked.model) {
      const failure = await tryTemplates(templates, options.env, (t, m) => m.tryMinutesTemplates(checked.model!, t));
      if (failure) append(checked.diagnostics, templateDiagnostics(failure, options.cwd, options.lang ?? checked.model.locale, result.sources));
    }
    result.minutes.push({ input, checked, owner, templates, name });
    append(result.diagnostics, checked.diagnostics);
    result.sources.set(input.display, checked.text);
  }
  result.locale =
    options.lang ?? result.events.find((e) => e.checked.locale)?.checked.locale ?? result.minutes.find((m) => m.checked.locale)?.checked.locale ?? 'fr';
  return result;
}

/** `compte-rendu.md` writes compte-rendu.html, compte-rendu.pdf and compte-rendu.docx. */
export function minutesOutputName(file: string): string {
  return path.basename(file).replace(/\.(md|markdown)$/i, '');
}

/**
 * Which output folder a minutes file's documents go to, as a key (FORMAT.md §5.4): with several
 * events in the build, the folder of the event that lists or links them (build.ts, layout.ts),
 * else the output folder itself (''). Two events never share a folder (the build refuses it).
 */
function outputFolders(inputs: Input[]): (owner: string | null) => string {
  const events = new Map<string, string>();
  for (const i of inputs) {
    if (isMinutesFile(i.abs)) continue;
    events.set(i.abs, i.abs);
    // A minutes file's `event:` is resolved through symbolic links; the command line's paths are not.
    try {
      events.set(realpathSync(i.abs), i.abs);
    } catch {
      /* a missing event file: reported where it is read */
    }
  }
  const several = new Set(events.values()).size > 1;
  return (owner) => (several && owner !== null ? (events.get(owner) ?? '') : '');
}

/** Render with user templates (loading the renderer only then), to find a mistake before a build. */
async function tryTemplates(
  dir: TemplateDir,
  env: NodeJS.ProcessEnv | undefined,
  attempt: (t: Templates, m: typeof import('./render/units.js')) => TemplateError | null,
): Promise<TemplateError | null> {
  const [units, { Templates, TemplateError, defaultTemplatesDir }] = await Promise.all([import('./render/units.js'), import('./render/templates.js')]);
  try {
    return attempt(new Templates([dir, defaultTemplatesDir], env), units);
  } catch (err) {
    if (err instanceof TemplateError) return err; // a partial that does not compile, a file outside
    throw err;
  }
}

/** A template's mistake as a diagnostic, with the template's line under it when its text is known. */
export function templateDiagnostics(err: TemplateError, cwd: string, locale: Locale, sources: Map<string, string>): Diagnostic[] {
  const shown = displayPath(err.file, cwd);
  if (err.text !== undefined) sources.set(shown, err.text);
  const said = err.words
    ? stageMessage(err.rule, templateMessages, 'templateRefused', { reason: err.words })
    : stageMessage(err.rule, templateMessages, 'templateInvalid', { error: err.message });
  return stampProblems(
    [{ rule: err.rule, ...said, place: { file: shown, line: err.line, column: err.column, endLine: err.line, endColumn: err.column + 1 } }],
    { locale },
  );
}

function templateFolderProblem(written: string, error: 'outside' | 'missing' | 'folder' | 'not-folder', place: Place): Problem {
  return error === 'outside'
    ? { rule: 'ref/outside-project', ...stageMessage('ref/outside-project', templateFolderMessages, 'folderOutside', { path: written }), place }
    : { rule: 'ref/unknown', ...stageMessage('ref/unknown', templateFolderMessages, 'folderMissing', { path: written }), place };
}

/**
 * Read the event's images: its logos (`logos: - file:`) and the Markdown images of its
 * descriptions (`![alt](images/plan.png)`), relative to the event file: see
 * source/project-images.ts. A file refused is reported where the event names it (the image
 * itself in a block scalar); a logo is then left out, a Markdown image shows its alternative text.
 */
async function readEventImages(loaded: LoadedEvent, eventAbs: string, root: string, env?: NodeJS.ProcessEnv): Promise<void> {
  const model = loaded.model!;
  const source = loaded.source!;
  const where = { baseDir: path.dirname(eventAbs), root, names: new AssetNames(), env };
  for (const logo of model.logos) {
    const r = await readProjectImage(logo.file, where.baseDir, root, where.names, source.placeOf([...logo.path, 'file']), env);
    if ('problem' in r) loaded.problems.push(r.problem);
    else logo.image = r.image;
  }
  append(loaded.problems, await readMarkdownImages(model, descriptionTexts(model), ({ at }, img) => source.placeInScalar(at, img.line, img.column), where));
}

/**
 * `listedIn`: the project folder of the event that lists the minutes (null when named on the
 * command line): the minutes file must stay inside it, links resolved; a file named on the
 * command line must stay inside its own folder.
 */
async function checkMinutesFile(
  input: Input,
  listedIn: string | null,
  options: CheckOptions,
  loadEvent: (abs: string, root: string) => Promise<LoadedEvent>,
): Promise<CheckedMinutes> {
  const read = await readConfined(input.abs, listedIn ?? projectRoot(input.abs), options.env);
  const decoded =
    'refused' in read
      ? { text: undefined, problem: { messageId: read.messageId, message: read.message }, rule: refusalRule(read.refused) }
      : { ...decodeText(read.bytes), rule: 'syntax/encoding' };
  if (decoded.text === undefined) {
    const place = { file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const problems: Problem[] = [{ rule: decoded.rule, ...decoded.problem, place }];
    return {
      file: input.display,
      text: '',
      model: null,
      front: null,
      locale: null,
      problems,
      eventText: null,
      eventAbs: null,
      root: projectRoot(input.abs),
      diagnostics: stampProblems(problems, { locale: options.lang ?? 'fr' }),
    };
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
        const { rule, messageId, message } = pathProblem(r.error, written, { file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1 });
        const levels = String(EVENT_LEVELS_UP);
        return {
          model: null,
          problem: { messageId, message },
          rule,
          note: r.error === 'outside' ? formatMessage(rule, linkedEventMessages, { messageId: 'eventInProject', data: { levels } }) : undefined,
        };
      }
      const ev = await loadEvent(r.abs, root);
      eventText = ev.source?.text ?? null;
      eventAbs = r.abs;
      if (!ev.model) {
        return {
          model: null,
          problem: stageMessage('ref/unknown', linkedEventMessages, 'linkedEventUnreadable', { path: written }),
        };
      }
      return { model: ev.model };
    },
  });
  const stampOptions: StampOptions = { strict: options.strict, locale: options.lang ?? loaded.locale ?? 'fr', levels: loaded.model?.event?.checks };
  let diagnostics = stampProblems(loaded.problems, stampOptions);
  // Its Markdown images, relative to the minutes file, inside the project folder.
  if (loaded.model) {
    const where = {
      baseDir: path.dirname(input.abs),
      root: listedIn ?? root,
      names: new AssetNames(path.basename(input.abs).replace(/\.[^.]*$/, '')),
      env: options.env,
    };
    const place = (_: unknown, img: MarkdownImage) => ({ file: loaded.file, line: img.line, column: img.column, endLine: img.line, endColumn: img.column + 1 });
    append(diagnostics, stampProblems(await readMarkdownImages(loaded.model, [{ md: loaded.model.body }], place, where), stampOptions));
  }
  if (loaded.model) append(diagnostics, runMinutesChecks(loaded.model, stampOptions));
  // A meeting dated 0016 (for 2016): the minutes' own dates, placed in the front matter.
  if (loaded.model && loaded.front) {
    const dates: Array<[string | null | undefined, Array<string>]> = [
      [loaded.model.date, ['date']],
      [loaded.model.nextMeeting?.date, ['next_meeting', 'date']],
      [loaded.model.approvedOn, ['approved_on']],
    ];
    for (const [iso, at] of dates) {
      const found = iso ? unlikelyYear(iso) : null;
      if (found) {
        const d = stamp(
          unlikelyYearRule.id,
          { messageId: found.messageId, data: found.data, message: messageText(unlikelyYearRule, found), place: loaded.front.placeOf(at) },
          stampOptions,
        );
        if (d) diagnostics.push(d);
      }
    }
  }
  // `<!-- coop-ignore: … -->` in the body, `# coop-ignore:` in the front matter (FORMAT.md §5.3).
  if (loaded.model) diagnostics = suppressInMarkdown(diagnostics, loaded.file, loaded.text, loaded.front, stampOptions);
  return { ...loaded, diagnostics, eventText, eventAbs, root };
}

export type { EventModel, MinutesModel };
