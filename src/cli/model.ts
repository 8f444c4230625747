import { checkProject, isMinutesFile } from '../project.js';
import { minutesToJson } from '../minutes/json.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { eventToJson } from '../model/json.js';
import { inputFile, useColor, type Io } from './io.js';
import { wellFormedStrings } from '../util/text.js';

export async function runModel(io: Io, file: string, opts: { lang?: 'fr' | 'en' } = {}): Promise<number> {
  const input = await inputFile(io, file);
  const project = await checkProject([input], { lang: opts.lang, cwd: io.cwd, env: io.env });
  const errors = project.diagnostics.filter((d) => d.severity === 'error');
  const model = isMinutesFile(input.abs) ? project.minutes[0]?.checked.model : project.events[0]?.checked.model;
  // The model is printed whenever it could be built: a schedule error (an overlap) is exactly
  // when one wants to see the computed times. The errors go to stderr, and the exit status says 1.
  if (errors.length > 0) io.stderr.write(formatText(errors, { color: useColor(io, io.stderr), sources: project.sources, lang: project.locale }));
  if (!model) return 1;
  const json = model.kind === 'event' ? eventToJson(model) : minutesToJson(model);
  io.stdout.write(JSON.stringify(json, wellFormedStrings, 2) + '\n');
  return errors.length > 0 ? 1 : 0;
}
