import { checkEventFile } from '../check.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { formatJson } from '../diagnostics/reporters/json.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { inputFile, useColor, type Io } from './io.js';

export async function runCheck(io: Io, files: string[], opts: { format: 'text' | 'json'; strict?: boolean }): Promise<number> {
  const inputs = [];
  for (const f of files) inputs.push(await inputFile(io, f));
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const { abs, display } of inputs) {
    const checked = await checkEventFile(abs, display, { strict: opts.strict });
    diagnostics.push(...checked.diagnostics);
    if (checked.source) sources.set(display, checked.source.text);
  }
  io.stdout.write(
    opts.format === 'json' ? formatJson(diagnostics) : formatText(diagnostics, { color: useColor(io, io.stdout), sources }),
  );
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
