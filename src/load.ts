/**
 * Loading: read a file, parse it, validate it with zod, normalise it. Stages record
 * failures as problems instead of throwing (after unified-engine / vfile); the check stage
 * stamps them into diagnostics.
 */
import { readInput } from './source/read.js';
import { tx } from './i18n.js';
import { normalizeEvent, type EventModel } from './model/event.js';
import { EventFile } from './model/schema.js';
import { issuesToProblems } from './model/zod-issues.js';
import { decodeText, normalizeNewlines } from './source/text.js';
import { YamlSource, type RawProblem } from './source/yaml.js';
import type { Locale } from './typography/index.js';

export interface LoadedEvent {
  file: string;
  source: YamlSource | null;
  model: EventModel | null;
  problems: RawProblem[];
  /** The event's language when it could be read, even from a file with errors. */
  locale: Locale | null;
}

export async function loadEventFile(file: string, displayName = file, env: NodeJS.ProcessEnv = process.env): Promise<LoadedEvent> {
  const read = await readInput(file, env);
  if ('tooLarge' in read) {
    const place = { file: displayName, line: 1, column: 1, endLine: 1, endColumn: 1 };
    return { file: displayName, source: null, model: null, locale: null, problems: [{ rule: 'syntax/size', message: read.tooLarge, place }] };
  }
  return loadEventText(read.bytes, displayName);
}

export function loadEventText(input: Uint8Array | string, file: string): LoadedEvent {
  const decoded = typeof input === 'string' ? { text: normalizeNewlines(input) } : decodeText(input);
  if (decoded.text === undefined) {
    const place = { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    return { file, source: null, model: null, locale: null, problems: [{ rule: 'syntax/encoding', message: decoded.problem, place }] };
  }
  const source = new YamlSource(file, decoded.text);
  const problems = [...source.problems];
  const result = (model: EventModel | null): LoadedEvent => ({ file, source, model, problems, locale: model?.locale ?? localeOf(source.value) });
  if (!source.ok) return result(null);
  if (source.value === null || source.value === undefined) {
    problems.push({
      rule: 'schema/invalid',
      message: tx(
        'Le fichier est vide : un événement avec au moins `event: { title }` et `days:` est attendu.',
        'The file is empty: expected an event with at least `event: { title }` and `days:`.',
      ),
      place: source.placeOfOffset(0, 0),
    });
    return result(null);
  }
  const parsed = EventFile.safeParse(source.value);
  if (!parsed.success) {
    problems.push(...issuesToProblems(parsed.error.issues, source, EventFile));
    return result(null);
  }
  const { model, problems: found } = normalizeEvent(parsed.data, source);
  problems.push(...found);
  return result(model);
}

function localeOf(value: unknown): Locale | null {
  const l = (value as { event?: { locale?: unknown } } | null)?.event?.locale;
  return l === 'fr' || l === 'en' ? l : null;
}
