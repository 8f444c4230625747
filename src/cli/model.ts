import { checkEventFile } from '../check.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { eventToJson } from '../model/json.js';
import { inputFile, useColor, type Io } from './io.js';

export async function runModel(io: Io, file: string, opts: { lang?: 'fr' | 'en' } = {}): Promise<number> {
  const { abs, display } = await inputFile(io, file);
  const checked = await checkEventFile(abs, display, { lang: opts.lang });
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (!checked.model || errors.length > 0) {
    const sources = new Map(checked.source ? [[display, checked.source.text]] : []);
    io.stderr.write(formatText(errors, { color: useColor(io, io.stderr), sources }));
    return 1;
  }
  io.stdout.write(JSON.stringify(eventToJson(checked.model), null, 2) + '\n');
  return 0;
}
