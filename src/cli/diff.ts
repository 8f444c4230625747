/**
 * `coop diff OLD.yaml NEW.yaml`, or `coop diff REV [FILE]` against a git revision: what
 * changed between two versions of a programme (FORMAT.md §5.4), as text, JSON or Markdown,
 * and with `-o DIR` a change notice to circulate (modifications.html and modifications.pdf).
 */
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { todayIn } from '../actions.js';
import { confineOutput, outputRoots, writeAtomically, type Output } from '../build.js';
import { stampProblems } from '../checks/registry.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { compareEvents, type Version } from '../diff/compare.js';
import { clean, diffToJson, diffToMarkdown, diffToText, type DiffReport } from '../diff/format.js';
import { noticeDocument } from '../diff/notice.js';
import { loadEventText, type LoadedEvent } from '../load.js';
import { isRealDate } from '../model/time.js';
import { toHtmlPage } from '../render/document.js';
import { Templates } from '../render/templates.js';
import { maxInputBytes, readConfined, refusalRule } from '../source/read.js';
import type { Problem } from '../diagnostics/types.js';
import { displayPath, projectRoot } from '../util/paths.js';
import { visible } from '../util/visible.js';
import { inputFile, UsageError, useColor, type Io } from './io.js';
import { cliWords } from '../i18n.js';
import { renderPdfSafely } from '../render/units.js';

export interface DiffFlags {
  format: 'text' | 'json' | 'markdown';
  out?: string;
  exitCode?: boolean;
  lang?: 'fr' | 'en';
  /** The date printed on the change notice (YYYY-MM-DD; default today). */
  date?: string;
}

const USAGE = 'expected two event files (coop diff OLD.yaml NEW.yaml), or a git revision and an event file (coop diff REV [FILE]).';

export async function runDiff(io: Io, args: string[], opts: DiffFlags): Promise<number> {
  if (opts.date !== undefined && !isRealDate(opts.date)) throw new UsageError(cliWords.notADate('--date', opts.date));
  const [first, second] = args;
  for (const f of args) if (/\.(md|markdown)$/i.test(f)) throw new UsageError(`"${f}" is a minutes file: coop diff compares programmes (event files, YAML).`);
  let before: EventBytes;
  let after: EventBytes;
  if (await isFile(io, first)) {
    if (second === undefined) throw new UsageError(`coop diff ${first}: ${USAGE}`);
    before = await readEvent(io, first);
    after = await readEvent(io, second);
  } else {
    if (/\.ya?ml$/i.test(first)) throw new UsageError(cliWords.noSuchFile(first));
    const file = await inputFile(io, second ?? 'event.yaml').catch(() => {
      throw new UsageError(
        second === undefined
          ? `no event.yaml in the current folder: name the event file (coop diff ${first} path/to/event.yaml).`
          : cliWords.noSuchFile(second),
      );
    });
    after = await readEvent(io, file.display);
    before = await fromGit(io, first, file.abs, file.display);
  }

  const loaded = [before, after].map((v): LoadedEvent =>
    v.refused ? { file: v.display, source: null, model: null, locale: null, problems: [v.refused] } : loadEventText(v.bytes, v.display),
  );
  const locale = opts.lang ?? loaded[1].model?.locale ?? loaded[1].locale ?? 'fr';
  // Errors that stop a version from being read stop the comparison; others are said, not fatal.
  const problems = loaded.flatMap((l) => stampProblems(l.problems, { locale })).filter((d) => d.severity === 'error');
  if (problems.length) {
    const sources = new Map(loaded.flatMap((l): Array<[string, string]> => (l.source ? [[l.file, l.source.text]] : [])));
    io.stderr.write(formatText(problems, { color: useColor(io, io.stderr), sources, lang: locale }));
  }
  const [a, b] = loaded.map(version);
  if (!a || !b) {
    io.stderr.write(
      `coop: cannot compare: ${loaded
        .filter((l) => !l.model)
        .map((l) => clean(l.file))
        .join(' and ')} cannot be read (errors above).\n`,
    );
    return 1;
  }
  const changes = compareEvents(a, b);
  const report: DiffReport = { changes, locale, oldName: before.display, newName: after.display, title: b.model.title };
  io.stdout.write(opts.format === 'json' ? diffToJson(report) : opts.format === 'markdown' ? diffToMarkdown(report) : diffToText(report));

  if (opts.out !== undefined) {
    const templates = new Templates();
    const doc = noticeDocument(b.model, changes, templates, { date: opts.date ?? todayIn(b.model.timezone) });
    const outputs: Output[] = [
      { name: 'modifications.html', bytes: toHtmlPage(templates, doc) },
      { name: 'modifications.pdf', bytes: await renderPdfSafely(doc) },
    ];
    const outDir = path.resolve(io.cwd, opts.out);
    // An output folder of the project that is a link out of it is refused, as for a build.
    const roots = [before, after].flatMap((v) => (v.abs ? [projectRoot(v.abs)] : []));
    const files = [before, after].flatMap((v) => (v.abs ? [v.abs] : []));
    confineOutput(outDir, outputRoots(files, roots, io.cwd), (p) => displayPath(p, io.cwd));
    for (const w of await writeAtomically(outDir, outputs, (p) => displayPath(p, io.cwd))) io.stderr.write(`wrote ${visible(displayPath(w, io.cwd))}\n`);
  }
  return opts.exitCode && changes.length > 0 ? 1 : 0;
}

function version(l: LoadedEvent): Version | null {
  return l.model && l.source ? { model: l.model, source: l.source } : null;
}

async function isFile(io: Io, file: string): Promise<boolean> {
  try {
    return (await stat(path.resolve(io.cwd, file))).isFile();
  } catch {
    return false;
  }
}

/** A version of the event: its bytes, or why they were not read (a problem reported like a load problem). */
interface EventBytes {
  bytes: Uint8Array;
  display: string;
  /** The file on disk (not for a git revision). */
  abs?: string;
  refused?: Problem;
}

/**
 * An event file named on the command line, read as every project file is: inside its own
 * folder once links are resolved (a link out of it is ref/outside-project), a regular file,
 * within the input size limit.
 */
async function readEvent(io: Io, file: string): Promise<EventBytes> {
  const input = await inputFile(io, file);
  const read = await readConfined(input.abs, projectRoot(input.abs), io.env);
  if ('refused' in read) {
    const place = { file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1 };
    return {
      bytes: new Uint8Array(),
      display: input.display,
      abs: input.abs,
      refused: { rule: refusalRule(read.refused), messageId: read.messageId, message: read.message, place },
    };
  }
  return { bytes: read.bytes, display: input.display, abs: input.abs };
}

/** The file as it was at a git revision, read with the `git` binary. */
async function fromGit(io: Io, rev: string, abs: string, display: string): Promise<EventBytes> {
  if (rev.startsWith('-') || /[\u0000-\u001f]/.test(rev)) throw new UsageError(`"${clean(rev)}" is not a git revision: ${USAGE}`);
  const dir = path.dirname(abs);
  const top = await git(io, dir, ['rev-parse', '--show-toplevel']).catch((err: GitFailure) => {
    if (err.missing)
      throw new UsageError('coop diff REV needs git, which is not installed (or not on PATH); compare two files instead: coop diff OLD.yaml NEW.yaml.');
    if (/not a git repository/i.test(err.stderr))
      throw new UsageError(`"${display}" is not in a git repository: compare two files instead (coop diff OLD.yaml NEW.yaml).`);
    throw new UsageError(`git: ${err.stderr.split('\n')[0] || 'failed'}`);
  });
  await git(io, dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(() => {
    throw new UsageError(`unknown git revision "${clean(rev)}" (try HEAD~1, main, origin/main or a commit id).`);
  });
  const root = new TextDecoder().decode(top).trim();
  const rel = path.relative(root, realpathSync(abs)).split(path.sep).join('/');
  const max = maxInputBytes(io.env);
  const bytes = await git(io, root, ['show', `${rev}:${rel}`], max + 1).catch((err: GitFailure) => {
    if (err.tooLarge) throw new UsageError(`"${rev}:${display}" is over the ${max / 1024 / 1024} MB input limit (COOP_MAX_INPUT_MB raises it).`);
    throw new UsageError(`"${display}" does not exist in ${clean(rev)}: there is no earlier version to compare it with.`);
  });
  return { bytes, display: `${clean(rev)}:${display}` };
}

interface GitFailure {
  missing: boolean;
  tooLarge: boolean;
  stderr: string;
}

function git(io: Io, cwd: string, args: string[], maxBuffer = 64 * 1024 * 1024): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    // git is found on the PATH of the process (a test's environment may be empty).
    const env = { ...process.env, ...io.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
    execFile('git', args, { cwd, env, encoding: 'buffer', maxBuffer }, (err, stdout, stderr) => {
      if (!err) return resolve(new Uint8Array(stdout));
      const code = (err as NodeJS.ErrnoException).code;
      reject({
        missing: code === 'ENOENT',
        tooLarge: code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
        stderr: clean(Buffer.from(stderr ?? '').toString('utf8')),
      } satisfies GitFailure);
    });
  });
}
