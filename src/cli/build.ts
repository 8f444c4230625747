import path from 'node:path';
import { build, eventOutputs } from '../build.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { inputFile, UsageError, useColor, type Io } from './io.js';

export interface BuildFlags {
  out: string;
  draft?: boolean;
  strict?: boolean;
  lang?: 'fr' | 'en';
  only?: string[];
}

export async function runBuild(io: Io, files: string[], opts: BuildFlags): Promise<number> {
  for (const name of opts.only ?? []) {
    if (!(eventOutputs as readonly string[]).includes(name) && !/^[^/\\]+\.(html|pdf)$/.test(name)) {
      throw new UsageError(`--only: unknown output "${name}"; expected one of ${eventOutputs.join(', ')}, or NAME.html / NAME.pdf of a minutes file, or *.html / *.pdf.`);
    }
  }
  const inputs = [];
  for (const f of files) inputs.push(await inputFile(io, f));
  const outDir = path.resolve(io.cwd, opts.out);
  const result = await build(inputs, { outDir, draft: opts.draft, strict: opts.strict, lang: opts.lang, only: opts.only, cwd: io.cwd });
  // A build shows what must be fixed (errors, warnings); infos are for `coop check`.
  const shown = result.diagnostics.filter((d) => d.severity !== 'info');
  const infos = result.diagnostics.length - shown.length;
  if (shown.length > 0) io.stderr.write(formatText(shown, { color: useColor(io, io.stderr), sources: result.sources }));
  if (infos > 0) io.stderr.write(`coop: ${infos} info${infos === 1 ? '' : 's'} (run \`coop check\` to list them)\n`);
  if (result.written.length === 0) {
    io.stderr.write('coop: nothing written: fix the errors above, or use --draft to render a marked draft anyway.\n');
    return 1;
  }
  for (const w of result.written) {
    const rel = path.relative(io.cwd, w);
    io.stdout.write(`wrote ${rel.startsWith('..') ? w : rel}\n`);
  }
  return result.ok ? 0 : 1;
}
