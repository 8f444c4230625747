/**
 * The command-line program. `main` takes argv and streams and returns the exit code, so
 * tests run it in-process: 0 clean (warnings allowed), 1 input errors, 2 usage or internal.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { ActionsFlags } from './actions.js';
import type { BuildFlags } from './build.js';
import type { CheckFlags } from './check.js';
import type { DiffFlags } from './diff.js';
import type { InitFlags } from './init.js';
import { UsageError, type Io } from './io.js';
import { version } from '../version.js';
import { visible } from '../util/visible.js';
import { describeIoError, isSystemError, verbOf } from '../errors.js';
import { displayPath } from '../util/paths.js';

export interface MainParams {
  argv: string[];
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export async function main(params: MainParams): Promise<number> {
  readerMayLeave(params.stdout);
  readerMayLeave(params.stderr);
  return run(params);
}

const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * `coop model event.yaml | head`: the reader closes the pipe early and a write fails with
 * EPIPE (reported after the write, maybe after `main` returned). That is not an error of coop
 * (git and grep stop quietly too): it and what follows on that stream are dropped; other stream
 * errors keep their default behaviour (thrown). One listener per stream, however often `main` runs.
 */
function readerMayLeave(stream: NodeJS.WritableStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  let left = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') left = true;
    if (!left) throw err;
  });
}

async function run(params: MainParams): Promise<number> {
  const io: Io = {
    stdout: params.stdout,
    stderr: params.stderr,
    cwd: params.cwd ?? process.cwd(),
    env: params.env ?? process.env,
    signal: params.signal,
  };
  let code = 0;
  const program = new Command('coop')
    .description('Compile seminar programmes, attendee lists and minutes from YAML and Markdown, and check them.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run `coop --help` for the commands)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      // Commander repeats what was typed (an unknown option, a bad value): shown inertly.
      writeErr: (s) => void io.stderr.write(s.split('\n').map(visible).join('\n')),
    })
    .addHelpText('after', '\nExit status: 0 no error (warnings allowed), 1 the input has errors, 2 usage error.\nDocs: README.md; the format: FORMAT.md.');

  program
    .command('check')
    .description('load, validate and check event files; print diagnostics')
    .argument('<files...>', 'event files (YAML)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'github', 'sarif']).default('text'))
    .option('--strict', 'treat warnings as errors')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings (as eslint does)', (v: string) => {
      const n = Number(v);
      if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number, 0 or more.');
      return n;
    })
    .addOption(langOption())
    .action(async (files: string[], opts: CheckFlags) => {
      code = await (await import('./check.js')).runCheck(io, files, opts);
    });

  program
    .command('build')
    .description('check, then render every document the files define')
    .argument('<files...>', 'event files (YAML)')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('--draft', 'render even with errors, with a visible PROJET / DRAFT mark')
    .option('--only <names>', 'only these outputs, comma-separated names or globs, repeatable (e.g. programme.pdf, programme.*, *.pdf)', splitOnly)
    .option('--strict', 'treat warnings as errors')
    .option('-w, --watch', 'rebuild on every change of the inputs (event, minutes, CSV or workbook, templates)')
    .option('--templates <dir>', 'a folder of templates overriding the defaults by file name (see templates/README.md)')
    .option('--with-contacts', 'print e-mail and phone on the participant and speaker lists (never on the sign-in sheet)')
    .option('--pdfa', 'make every PDF PDF/A-2a (archiving) as well as PDF/UA-1 (also: documents: { pdfa: true })')
    .option('-q, --quiet', 'print only warnings and errors (no list of written files, no progress)')
    .option('-j, --jobs <n>', 'render on n threads (default: COOP_JOBS, else the cores, at most 4, when the build is big)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64.');
      return n;
    })
    .addOption(langOption())
    .action(async (files: string[], opts: BuildFlags) => {
      code = await (await import('./build.js')).runBuild(io, files, opts);
    });

  program
    .command('model')
    .description('print the validated, normalised model as JSON (computed times filled in)')
    .argument('<file>', 'an event file (YAML)')
    .addOption(langOption())
    .action(async (file: string, opts: { lang?: 'fr' | 'en' }) => {
      code = await (await import('./model.js')).runModel(io, file, opts);
    });

  program
    .command('actions')
    .description('list the open actions of a series of minutes, overdue first (and write actions.html/.pdf with -o)')
    .argument('<files...>', 'minutes files (Markdown), or events that list them')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-o, --out <dir>', 'also write actions.html and actions.pdf into this folder')
    .option('--today <date>', 'the date overdue is measured against (YYYY-MM-DD; default: today)')
    .option('--all', 'also list the actions closed in the series, with their history')
    .addOption(langOption())
    .action(async (files: string[], opts: ActionsFlags) => {
      code = await (await import('./actions.js')).runActions(io, files, opts);
    });

  program
    .command('diff')
    .description('what changed between two versions of a programme: two files, or a git revision and a file')
    .argument('<old>', 'the old event file, or a git revision (HEAD~1, main, a commit id)')
    .argument('[new]', 'the new event file (with a revision: the event file, default event.yaml)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-o, --out <dir>', 'also write the change notice, modifications.html and modifications.pdf, into this folder')
    .option('--date <date>', 'the date printed on the change notice (YYYY-MM-DD; default: today)')
    .option('--exit-code', 'exit 1 when something changed (as git diff --exit-code)')
    .addOption(langOption())
    .action(async (old: string, next: string | undefined, opts: DiffFlags) => {
      code = await (await import('./diff.js')).runDiff(io, next === undefined ? [old] : [old, next], opts);
    });

  program
    .command('init')
    .description('write a small working event, its minutes and the JSON Schema into DIR, or with --ci a CI workflow (never overwrites)')
    .argument('[dir]', 'target folder', '.')
    .addOption(
      new Option(
        '--ci <provider>',
        'write a CI workflow into DIR instead: checks on pull requests, the changes in the job summary, the documents built on main',
      ).choices(['github', 'gitlab']),
    )
    .addOption(langOption())
    .action(async (dir: string, opts: InitFlags) => {
      code = await (await import('./init.js')).runInit(io, dir, opts);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the event file (for editors: yaml-language-server); --minutes: of the minutes front matter')
    .option('--minutes', 'the JSON Schema of the front matter of minutes instead')
    .action(async (opts: { minutes?: boolean }) => {
      code = await (await import('./init.js')).runSchema(io, opts);
    });

  try {
    if (params.argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync(params.argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`coop: ${visible(err.text[langOf(params.argv)])}\n`);
      return 2;
    }
    if (isSystemError(err)) {
      // The machine said no (a full disk, a permission, a path that is a file): say what and
      // where; it is not a bug in coop.
      const where = err.path ? displayPath(err.path, io.cwd) : err.syscall;
      io.stderr.write(`coop: ${visible(describeIoError(err, verbOf(err.syscall), where ?? ''))}\n`);
      return 2;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    io.stderr.write(`coop: internal error: ${visible(e.message)}\n`);
    if (io.env.COOP_DEBUG) io.stderr.write(`${e.stack ?? ''}\n`);
    else io.stderr.write('This is a bug in coop; set COOP_DEBUG=1 to see the details, and report it.\n');
    return 2;
  }
}

function langOption(): Option {
  return new Option('--lang <lang>', "language of the messages (default: the event's locale, else fr)").choices(['fr', 'en']);
}

/**
 * `--only a,b,{c,d}.pdf`: the commas between entries, not those inside a glob's braces. The
 * option may be repeated (`--only a --only b`): each adds to the names before it.
 */
function splitOnly(v: string, previous: string[] | undefined): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of v) {
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return (previous ?? []).concat(out.map((x) => x.trim()).filter(Boolean));
}

/**
 * The language of a usage error: `--lang`, else French (as diagnostics; an error found before
 * any event is read cannot follow the event's locale).
 */
function langOf(argv: readonly string[]): 'fr' | 'en' {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    const v = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice('--lang='.length) : undefined;
    if (v === 'en' || v === 'fr') return v;
  }
  return 'fr';
}
