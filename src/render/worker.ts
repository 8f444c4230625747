/**
 * A rendering worker (see pool.ts): renders the units it is given, in order, and sends back
 * each unit's outputs, or the first error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput, WorkerMessage } from './pool.js';
import { TemplateError, Templates, type TemplateDir } from './templates.js';
import { renderEventUnit, renderMinutesUnit } from './units.js';

const input = workerData as WorkerInput;
const port = parentPort!;
const send = (m: WorkerMessage) => port.postMessage(m);
const templateSets = new Map<string, Templates>();
const templatesFor = (dirs: TemplateDir[]) => {
  const key = JSON.stringify(dirs);
  let t = templateSets.get(key);
  if (!t) templateSets.set(key, (t = new Templates(dirs)));
  return t;
};
const progress = ({ output, page }: { output: string; page?: number }) => send({ type: 'progress', output, page });

for (const u of input.units) {
  try {
    let outputs;
    if (u.kind === 'event') {
      const e = input.events[u.event];
      outputs = await renderEventUnit(e.model, u.key, templatesFor(e.templateDirs), e.opts, progress);
    } else {
      const m = input.minutes[u.minutes];
      outputs = await renderMinutesUnit(m.model, m.name, templatesFor(m.templateDirs), m.opts, progress);
    }
    send({ type: 'result', id: u.id, outputs });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    send({
      type: 'error',
      id: u.id,
      error: {
        message: e.message,
        stack: e.stack,
        template:
          err instanceof TemplateError ? { file: err.file, line: err.line, column: err.column, rule: err.rule, text: err.text, words: err.words } : undefined,
      },
    });
    break;
  }
}
