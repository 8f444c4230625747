/**
 * Loading: read a file, parse it, validate it with zod, normalise it. Stages record
 * failures as problems instead of throwing (after unified-engine / vfile); the check stage
 * stamps them into diagnostics.
 */
import path from 'node:path';
import { readConfined, refusalRule } from './source/read.js';
import { eventMessages, normalizeEvent, type EventModel } from './model/event.js';
import { EventFile } from './model/schema.js';
import { issuesToProblems } from './model/zod-issues.js';
import { decodeText, normalizeNewlines } from './source/text.js';
import { YamlSource, type Path } from './source/yaml.js';
import { stageMessage, type Problem } from './diagnostics/types.js';
import { checkMarkdownTree, MarkdownScanner } from './source/markdown-limits.js';
import { parseMarkdown } from './source/markdown.js';
import { cleanYamlValue } from './source/clean.js';
import type { Locale } from './typography/index.js';
import { append } from './util/arrays.js';

export interface LoadedEvent {
  file: string;
  source: YamlSource | null;
  model: EventModel | null;
  problems: Problem[];
  /** The event's language when it could be read, even from a file with errors. */
  locale: Locale | null;
}

/**
 * Read and load an event file. `root` is the project folder the file must stay in once its
 * links are resolved (default: the file's own folder).
 */
export async function loadEventFile(
  file: string,
  displayName = file,
  env: NodeJS.ProcessEnv = process.env,
  root: string = path.dirname(file),
): Promise<LoadedEvent> {
  const read = await readConfined(file, root, env);
  if ('refused' in read) {
    const place = { file: displayName, line: 1, column: 1, endLine: 1, endColumn: 1 };
    return {
      file: displayName,
      source: null,
      model: null,
      locale: null,
      problems: [{ rule: refusalRule(read.refused), messageId: read.messageId, message: read.message, place }],
    };
  }
  return loadEventText(read.bytes, displayName);
}

export function loadEventText(input: Uint8Array | string, file: string): LoadedEvent {
  const decoded = typeof input === 'string' ? { text: normalizeNewlines(input) } : decodeText(input);
  if (decoded.text === undefined) {
    const place = { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    return { file, source: null, model: null, locale: null, problems: [{ rule: 'syntax/encoding', ...decoded.problem, place }] };
  }
  const source = new YamlSource(file, decoded.text);
  const problems = [...source.problems];
  const result = (model: EventModel | null): LoadedEvent => ({ file, source, model, problems, locale: model?.locale ?? localeOf(source.value) });
  if (!source.ok) return result(null);
  if (source.value === null || source.value === undefined) {
    problems.push({
      rule: 'schema/invalid',
      ...stageMessage('schema/invalid', eventMessages, 'emptyFile'),
      place: source.placeOfOffset(0, 0),
    });
    return result(null);
  }
  // Control characters and lone surrogates from YAML escapes: replaced, with a warning.
  const cleaned = cleanYamlValue(source.value, source);
  append(problems, cleaned.problems);
  const parsed = EventFile.safeParse(cleaned.value);
  if (!parsed.success) {
    append(problems, issuesToProblems(parsed.error.issues, source, EventFile));
    return result(null);
  }
  const { model, problems: found } = normalizeEvent(parsed.data, source);
  append(problems, found);
  append(problems, markdownProblems(model, source));
  return result(model);
}

/**
 * The Markdown fields of an event (descriptions, questions) within the Markdown limits: the
 * scan is cheap; a text that could nest too deep or expand references is parsed and measured.
 */
function markdownProblems(model: EventModel, source: YamlSource): Problem[] {
  const fields: Array<{ text: string; path: Path }> = [];
  if (model.description) fields.push({ text: model.description, path: ['event', 'description'] });
  model.questions.forEach((q, i) => fields.push({ text: q, path: ['event', 'questions', i] }));
  for (const day of model.days) {
    for (const s of day.sessions) {
      if (s.description) fields.push({ text: s.description, path: [...s.path, 'description'] });
      for (const it of s.items) if (it.description) fields.push({ text: it.description, path: [...it.path, 'description'] });
    }
  }
  const scanner = new MarkdownScanner();
  for (const { text, path } of fields) {
    const { problem, measure } = scanner.scan(text);
    const found = problem ?? (measure ? checkMarkdownTree(parseMarkdown(text)) : null);
    if (found) {
      const place = source.placeInScalar(path, found.line, found.column);
      return [{ rule: 'syntax/markdown', messageId: found.messageId, message: found.message, place }];
    }
  }
  return [];
}

function localeOf(value: unknown): Locale | null {
  const l = (value as { event?: { locale?: unknown } } | null)?.event?.locale;
  return l === 'fr' || l === 'en' ? l : null;
}
