import path from 'node:path';
import { existsSync, lstatSync, readdirSync, watch as fsWatch, type Dirent, type FSWatcher } from 'node:fs';
import v8 from 'node:v8';
import { stat } from 'node:fs/promises';
import { buildProject, eventOutputs, type RenderCache } from '../build.js';
import { inputRoot, type Input } from '../project.js';
import { displayPath, resolveInside } from '../util/paths.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { inputFile, UsageError, useColor, type Io } from './io.js';
import { progressLine } from './progress.js';
import { visible } from '../util/visible.js';
import { cliWords, tx } from '../i18n.js';

export interface BuildFlags {
  out: string;
  draft?: boolean;
  strict?: boolean;
  lang?: 'fr' | 'en';
  only?: string[];
  watch?: boolean;
  withContacts?: boolean;
  pdfa?: boolean;
  templates?: string;
  quiet?: boolean;
  jobs?: number;
  /** Set by runBuild: the project folder the --templates folder was resolved in. */
  templatesRoot?: string;
}

/**
 * How far past what its last full collection left alive V8 lets a heap grow before the next,
 * in percent, in a build's process (its rendering workers included: V8's flags are the
 * process's). V8's own factor goes up to 4 when collections are rare, as in a long render: on
 * the 10,000-item event, the main thread's heap grew from 241 MB alive after the Word
 * programme to 950 MB before it was collected, while a worker drew the sign-in sheet. At 50 %
 * (a factor of 1.5) the build's peak went from 1,656 to 1,124 MB, and on one thread from
 * 1,159 to 779 MB, for 12 to 27 % more CPU there (more full collections; BENCHMARKS.md,
 * 2026-12-03): time traded for memory. Only for a large one-shot build (`LARGE_BUILD_BYTES`): on the
 * seminar example the flag cost 5 to 8 % of a build's CPU and 20 ms of each rebuild in watch mode
 * (136-161 against 171-181 ms, by turns) and saved no memory. The CLI's process is coop's own;
 * the library API leaves its host's flags alone.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * The size of the files given to `coop build` (events, minutes) from which a one-shot build keeps
 * its heaps tight (`HEAP_GROWING_PERCENT`): 1 MiB, the size of an event of several thousand
 * items (bench/generate.js: 30 items and 2,000 attendees 0.12 MB, 1,000 items 0.27 MB, 10,000
 * items 1.7 MB).
 */
export const LARGE_BUILD_BYTES = 1024 * 1024;

export async function runBuild(io: Io, files: string[], opts: BuildFlags): Promise<number> {
  if (opts.only !== undefined && opts.only.length === 0) {
    throw new UsageError(
      tx(
        `--only : aucune sortie nommée ; attendu : une liste séparée par des virgules comme « programme.pdf,event.ics » (sorties : ${eventOutputs.join(', ')}, NOM.html / NOM.pdf / NOM.docx d’un compte rendu, *.html, *.pdf, *.docx, *.csv).`,
        `--only: no output named; expected a comma-separated list such as "programme.pdf,event.ics" (outputs: ${eventOutputs.join(', ')}, NAME.html / NAME.pdf / NAME.docx of a minutes file, *.html, *.pdf, *.docx, *.csv).`,
      ),
    );
  }
  for (const name of opts.only ?? []) {
    // An output's name, or a glob over the names (`programme.*`, `*.pdf`); outputs are files of
    // one folder, so neither has a path separator.
    const glob = /[*?[\]{}!]/.test(name) && !/[/\\]/.test(name);
    if (!glob && !(eventOutputs as readonly string[]).includes(name) && !/^[^/\\]+\.(html|pdf|docx)$/.test(name)) {
      throw new UsageError(
        tx(
          `--only : sortie inconnue « ${name} » ; attendu : ${eventOutputs.join(', ')}, ou NOM.html / NOM.pdf / NOM.docx d’un compte rendu, ou un motif comme programme.* ou *.pdf.`,
          `--only: unknown output "${name}"; expected one of ${eventOutputs.join(', ')}, or NAME.html / NAME.pdf / NAME.docx of a minutes file, or a pattern such as programme.* or *.pdf.`,
        ),
      );
    }
  }
  const inputs = [];
  for (const f of files) inputs.push(await inputFile(io, f));
  if (opts.templates !== undefined) {
    const root = await inputRoot(inputs[0].abs, io.env);
    const r = resolveInside(root, io.cwd, opts.templates, 'folder');
    if ('error' in r) {
      throw new UsageError(
        r.error === 'outside'
          ? tx(
              `--templates : « ${opts.templates} » est hors du dossier du projet (${root}).`,
              `--templates: "${opts.templates}" is outside the project folder (${root}).`,
            )
          : tx(`--templates : « ${opts.templates} » n’est pas un dossier.`, `--templates: "${opts.templates}" is not a folder.`),
      );
    }
    opts = { ...opts, templates: r.abs, templatesRoot: root };
  }
  const outDir = path.resolve(io.cwd, opts.out);
  if (opts.watch) return watch(io, inputs, outDir, opts);
  if ((await inputBytes(inputs)) >= LARGE_BUILD_BYTES) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return buildOnce(io, inputs, outDir, opts);
}

/** The bytes of the files given on the command line (inputFile has checked that each is a file). */
async function inputBytes(inputs: Input[]): Promise<number> {
  let total = 0;
  for (const input of inputs) total += (await stat(input.abs)).size;
  return total;
}

async function buildOnce(io: Io, inputs: Input[], outDir: string, opts: BuildFlags, cache?: RenderCache): Promise<number> {
  const line = progressLine(io, opts.quiet ?? false);
  let result;
  try {
    result = await buildProject(inputs, {
      outDir,
      draft: opts.draft,
      strict: opts.strict,
      lang: opts.lang,
      only: opts.only,
      withContacts: opts.withContacts,
      pdfa: opts.pdfa,
      templates: opts.templates,
      templatesRoot: opts.templatesRoot,
      cwd: io.cwd,
      env: io.env,
      cache,
      progress: line.progress,
      jobs: opts.jobs,
    });
  } finally {
    line.done();
  }
  // A build shows what must be fixed (errors, warnings); infos are for `coop check`, and only
  // counted (in the summary line, -q or not).
  const lang = result.locale;
  const shown = result.diagnostics.filter((d) => d.severity !== 'info');
  const infos = result.diagnostics.length - shown.length;
  if (shown.length > 0) io.stderr.write(formatText(result.diagnostics, { color: useColor(io, io.stderr), sources: result.sources, lang, hideInfos: true }));
  else if (infos > 0 && !opts.quiet) io.stderr.write(`coop: ${cliWords.infosHidden(infos)[lang]}\n`);
  if (result.written.length === 0 && !result.reused) {
    if (!result.diagnostics.some((d) => d.severity === 'error')) {
      // No error, nothing to write: --only names no output these files define.
      io.stderr.write(`coop: ${cliWords.nothingWrittenOnly(visible((opts.only ?? []).join(',')), inputs.length)[lang]}\n`);
      return 2;
    }
    io.stderr.write(`coop: ${(opts.draft ? cliWords.nothingWrittenDraft : cliWords.nothingWritten)[lang]}\n`);
    return 1;
  }
  if (opts.quiet) return result.ok ? 0 : 1;
  for (const w of result.written) io.stdout.write(`${cliWords.wrote(visible(displayPath(w, io.cwd)))[lang]}\n`);
  if (result.reused) io.stdout.write(`${cliWords.unchanged(result.reused)[lang]}\n`);
  return result.ok ? 0 : 1;
}

/**
 * How long a change waits for the next one before the rebuild starts: an editor's save (a
 * temporary file renamed over the old one, or a truncate and a write) is a burst of events a
 * few milliseconds apart. The wait counts in the edit-to-documents latency (bench:watch).
 */
const WATCH_DEBOUNCE_MS = 25;

/** At most this many folders are watched per build (a project is a handful). */
const MAX_WATCHED_FOLDERS = 2000;

/**
 * Build, then rebuild whenever an input changes: every folder of the projects is watched
 * (event, minutes, CSV, templates), changes are debounced, and documents whose inputs did not
 * change are not re-rendered. Runs until the signal aborts (Ctrl-C for a user).
 *
 * Folders are watched one by one, not files and not with `recursive`: Node 20's recursive
 * watch on Linux watches each file, and goes deaf to a file replaced by a rename (an editor's
 * safe write, `sed -i`). A folder's watch sees both that rename and later in-place edits. A
 * folder created later is watched from the next event in its parent.
 */
async function watch(io: Io, inputs: Input[], outDir: string, opts: BuildFlags): Promise<number> {
  const cache: RenderCache = new Map();
  let code = await buildOnce(io, inputs, outDir, opts, cache);
  io.stdout.write(`${cliWords.watching[opts.lang ?? 'fr']}\n`);
  const roots = [...new Set(await Promise.all(inputs.map((i) => inputRoot(i.abs, io.env))))];
  const out = path.resolve(outDir);
  const isOutput = (p: string) => p === out || p.startsWith(out + path.sep);
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watchers = new Map<string, FSWatcher>();
  let last = '';
  await new Promise<void>((resolve) => {
    let stopped = false;
    const stop = () => {
      stopped = true;
      for (const w of watchers.values()) w.close();
      watchers.clear();
      if (timer) clearTimeout(timer);
      void running.then(resolve);
    };
    if (io.signal?.aborted) return stop();
    io.signal?.addEventListener('abort', stop, { once: true });
    const rebuild = (changed: string) => {
      last = changed;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(async () => {
          if (stopped) return;
          io.stdout.write(
            `\n[${new Date().toLocaleTimeString('fr-FR')}] ${cliWords.rebuilding(visible(path.relative(io.cwd, last) || last))[opts.lang ?? 'fr']}\n`,
          );
          const missing = inputs.filter((i) => !existsSync(i.abs));
          if (missing.length > 0) {
            io.stderr.write(`coop: ${cliWords.inputGone(missing.map((i) => visible(i.display)))[opts.lang ?? 'fr']}\n`);
            code = 1;
            return;
          }
          code = await buildOnce(io, inputs, outDir, opts, cache).catch((err: unknown) => {
            io.stderr.write(`coop: ${visible(err instanceof UsageError ? err.text[opts.lang ?? 'fr'] : err instanceof Error ? err.message : String(err))}\n`);
            return err instanceof UsageError ? 2 : 1;
          });
        });
      }, WATCH_DEBOUNCE_MS);
    };
    const watchTree = (dir: string, depth: number) => {
      if (stopped || watchers.has(dir) || watchers.size >= MAX_WATCHED_FOLDERS || depth > 12 || isOutput(dir)) return;
      try {
        if (!lstatSync(dir).isDirectory() && depth > 0) return;
      } catch {
        return;
      }
      let w: FSWatcher;
      try {
        w = fsWatch(dir, (event, name) => {
          const changed = name ? path.join(dir, name.toString()) : dir;
          // Our own outputs (and their temporary files) are not inputs.
          if (isOutput(changed)) return;
          if (event === 'rename') {
            // A folder appeared (watch it) or went away (forget it).
            if (watchers.has(changed) && !existsSync(changed)) {
              watchers.get(changed)!.close();
              watchers.delete(changed);
            } else watchTree(changed, depth + 1);
          }
          if (/\.(ya?ml|md|markdown|csv|tsv|txt|xlsx|ods|hbs|css)$/i.test(changed)) rebuild(changed);
        });
      } catch {
        return; // not a folder, or gone
      }
      w.on('error', () => {
        w.close();
        watchers.delete(dir);
      });
      watchers.set(dir, w);
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) watchTree(path.join(dir, e.name), depth + 1);
      }
    };
    for (const root of roots) watchTree(root, 0);
  });
  return code;
}
