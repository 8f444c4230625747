import path from 'node:path';
import { build } from '../build.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { inputFile, useColor, type Io } from './io.js';

export async function runBuild(io: Io, files: string[], opts: { out: string; draft?: boolean; strict?: boolean; lang?: 'fr' | 'en' }): Promise<number> {
  const inputs = [];
  for (const f of files) inputs.push(await inputFile(io, f));
  const outDir = path.resolve(io.cwd, opts.out);
  const result = await build(inputs, { outDir, draft: opts.draft, strict: opts.strict, lang: opts.lang });
  if (result.diagnostics.length > 0 || !result.ok) {
    io.stderr.write(formatText(result.diagnostics, { color: useColor(io, io.stderr), sources: result.sources }));
  }
  if (result.written.length === 0) {
    io.stderr.write('coop: nothing written: fix the errors above, or use --draft to render a marked draft anyway.\n');
    return 1;
  }
  for (const w of result.written) io.stdout.write(`wrote ${path.relative(io.cwd, w) || w}\n`);
  return result.ok ? 0 : 1;
}
