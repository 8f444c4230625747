import path from 'node:path';
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { buildProject, eventOutputs, type RenderCache } from '../build.js';
import { inputRoot, type Input } from '../check.js';
import { displayPath, resolveInside } from '../util/paths.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { inputFile, UsageError, useColor, type Io } from './io.js';
import { progressLine } from './progress.js';

export interface BuildFlags {
  out: string;
  draft?: boolean;
  strict?: boolean;
  lang?: 'fr' | 'en';
  only?: string[];
  watch?: boolean;
  withContacts?: boolean;
  templates?: string;
  quiet?: boolean;
  jobs?: number;
}

export async function runBuild(io: Io, files: string[], opts: BuildFlags): Promise<number> {
  for (const name of opts.only ?? []) {
    if (!(eventOutputs as readonly string[]).includes(name) && !/^[^/\\]+\.(html|pdf|docx)$/.test(name) && name !== '*.csv') {
      throw new UsageError(
        opts.lang === 'en'
          ? `--only: unknown output "${name}"; expected one of ${eventOutputs.join(', ')}, or NAME.html / NAME.pdf / NAME.docx of a minutes file, or *.html / *.pdf / *.docx / *.csv.`
          : `--only : sortie inconnue « ${name} » ; attendu : ${eventOutputs.join(', ')}, ou NOM.html / NOM.pdf / NOM.docx d’un compte rendu, ou *.html / *.pdf / *.docx / *.csv.`,
      );
    }
  }
  const inputs = [];
  for (const f of files) inputs.push(await inputFile(io, f));
  if (opts.templates !== undefined) {
    const root = await inputRoot(inputs[0].abs);
    const r = resolveInside(root, io.cwd, opts.templates, 'folder');
    if ('error' in r) {
      throw new UsageError(
        r.error === 'outside' ? `--templates: "${opts.templates}" is outside the project folder (${root}).` : `--templates: "${opts.templates}" is not a folder.`,
      );
    }
    opts = { ...opts, templates: r.abs };
  }
  const outDir = path.resolve(io.cwd, opts.out);
  if (!opts.watch) return buildOnce(io, inputs, outDir, opts);
  return watch(io, inputs, outDir, opts);
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
      templates: opts.templates,
      cwd: io.cwd,
      env: io.env,
      cache,
      progress: line.progress,
      jobs: opts.jobs,
    });
  } finally {
    line.done();
  }
  // A build shows what must be fixed (errors, warnings); infos are for `coop check`.
  const shown = result.diagnostics.filter((d) => d.severity !== 'info');
  const infos = result.diagnostics.length - shown.length;
  if (shown.length > 0) io.stderr.write(formatText(shown, { color: useColor(io, io.stderr), sources: result.sources }));
  if (infos > 0 && !opts.quiet) io.stderr.write(`coop: ${infos} info${infos === 1 ? '' : 's'} (run \`coop check\` to list them)\n`);
  if (result.written.length === 0 && !result.reused) {
    io.stderr.write('coop: nothing written: fix the errors above, or use --draft to render a marked draft anyway.\n');
    return 1;
  }
  if (opts.quiet) return result.ok ? 0 : 1;
  for (const w of result.written) io.stdout.write(`wrote ${displayPath(w, io.cwd)}
`);
  if (result.reused) io.stdout.write(`(${result.reused} output${result.reused === 1 ? '' : 's'} unchanged, not re-rendered)\n`);
  return result.ok ? 0 : 1;
}

/**
 * Build, then rebuild whenever an input changes: the project folders are watched (event,
 * minutes, CSV, templates), changes are debounced, and documents whose inputs did not change
 * are not re-rendered. Runs until the signal aborts (Ctrl-C for a user).
 */
async function watch(io: Io, inputs: Input[], outDir: string, opts: BuildFlags): Promise<number> {
  const cache: RenderCache = new Map();
  let code = await buildOnce(io, inputs, outDir, opts, cache);
  io.stdout.write('watching for changes (Ctrl-C to stop)…\n');
  const roots = [...new Set(await Promise.all(inputs.map((i) => inputRoot(i.abs))))];
  const out = path.resolve(outDir);
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watchers: FSWatcher[] = [];
  await new Promise<void>((resolve) => {
    const stop = () => {
      for (const w of watchers) w.close();
      if (timer) clearTimeout(timer);
      void running.then(resolve);
    };
    if (io.signal?.aborted) return stop();
    io.signal?.addEventListener('abort', stop, { once: true });
    for (const root of roots) {
      watchers.push(
        fsWatch(root, { recursive: true }, (_event, name) => {
          const changed = name ? path.resolve(root, name.toString()) : root;
          // Our own outputs (and their temporary files) are not inputs.
          if (changed === out || changed.startsWith(out + path.sep)) return;
          if (!/\.(ya?ml|md|markdown|csv|tsv|txt|xlsx|ods|hbs|css)$/i.test(changed)) return;
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => {
            running = running.then(async () => {
              io.stdout.write(`\n[${new Date().toLocaleTimeString('fr-FR')}] ${path.relative(io.cwd, changed) || changed} changed, rebuilding\n`);
              code = await buildOnce(io, inputs, outDir, opts, cache).catch((err: unknown) => {
                io.stderr.write(`coop: ${err instanceof Error ? err.message : String(err)}\n`);
                return 1;
              });
            });
          }, 120);
        }),
      );
    }
  });
  return code;
}

