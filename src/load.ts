/**
 * Loading: read a file, parse it, validate it with zod, normalise it. Stages record
 * failures as diagnostics instead of throwing (after unified-engine / vfile).
 */
import { readFile } from 'node:fs/promises';
import { stamp, type StampOptions } from './checks/registry.js';
import type { Diagnostic } from './diagnostics/types.js';
import { normalizeEvent, type EventModel } from './model/event.js';
import { EventFile } from './model/schema.js';
import { issuesToProblems } from './model/zod-issues.js';
import { decodeText } from './source/text.js';
import { YamlSource, type RawProblem } from './source/yaml.js';

export interface LoadedEvent {
  file: string;
  source: YamlSource | null;
  model: EventModel | null;
  diagnostics: Diagnostic[];
}

export async function loadEventFile(file: string, displayName = file, options: StampOptions = {}): Promise<LoadedEvent> {
  const bytes = await readFile(file);
  return loadEventText(bytes, displayName, options);
}

export function loadEventText(input: Uint8Array | string, file: string, options: StampOptions = {}): LoadedEvent {
  const diagnostics: Diagnostic[] = [];
  const add = (problems: RawProblem[]) => {
    for (const p of problems) {
      const d = stamp(p.rule, { ...p.place, message: p.message, ...(p.note ? { note: p.note } : {}) }, options);
      if (d) diagnostics.push(d);
    }
  };
  const decoded = typeof input === 'string' ? { text: input } : decodeText(input);
  if (decoded.text === undefined) {
    add([{ rule: 'syntax/encoding', message: decoded.problem, place: { file, line: 1, column: 1, endLine: 1, endColumn: 1 } }]);
    return { file, source: null, model: null, diagnostics };
  }
  const source = new YamlSource(file, decoded.text);
  add(source.problems);
  if (source.problems.some((p) => p.rule.startsWith('syntax/')) || source.doc === undefined) {
    return { file, source, model: null, diagnostics };
  }
  if (source.value === null || source.value === undefined) {
    add([
      {
        rule: 'schema/invalid',
        message: 'The file is empty: expected an event with at least `event: { title }` and `days:`.',
        place: source.placeOfOffset(0, 0),
      },
    ]);
    return { file, source, model: null, diagnostics };
  }
  const parsed = EventFile.safeParse(source.value);
  if (!parsed.success) {
    add(issuesToProblems(parsed.error.issues, source, EventFile));
    return { file, source, model: null, diagnostics };
  }
  const { model, problems } = normalizeEvent(parsed.data, source);
  add(problems);
  return { file, source, model, diagnostics };
}
