/** Turn zod issues into positioned, human diagnostics ("what was found, what was expected"). */
import type { z } from 'zod';
import type { Path, YamlSource } from '../source/yaml.js';
import type { RawProblem } from '../source/yaml.js';
import { closest } from '../util/suggest.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

export function issuesToProblems(issues: readonly Issue[], source: YamlSource, schema: AnySchema): RawProblem[] {
  const out: RawProblem[] = [];
  const flat = flatten(issues, []);
  // A refinement on an object that also has unknown keys repeats the same mistake: keep the key.
  const unknownAt = new Set(flat.filter((i) => i.issue.code === 'unrecognized_keys').map((i) => i.path.join('\u0000')));
  for (const { issue, path } of flat) {
    if (issue.code === 'custom' && unknownAt.has(path.join('\u0000'))) continue;
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(schema, path);
      for (const key of issue.keys) {
        const guess = closest(key, allowed);
        out.push({
          rule: 'schema/invalid',
          message:
            `Unknown key "${key}" in ${describePath(path)}` +
            (guess ? `; did you mean "${guess}"?` : allowed.length ? `; expected one of: ${allowed.join(', ')}.` : '.'),
          place: source.placeOfKey(path, key),
        });
      }
      continue;
    }
    const value = valueAt(source.value, path);
    const last = path[path.length - 1];
    if (issue.code === 'invalid_type' && value === undefined) {
      const parent = path.slice(0, -1);
      out.push({
        rule: 'schema/invalid',
        message: `Missing required key "${String(last)}" in ${describePath(parent)}: expected ${typeName(issue.expected)}.`,
        place: source.placeOf(parent),
      });
      continue;
    }
    out.push({ rule: 'schema/invalid', message: messageFor(issue, path, value), place: source.placeOf(path) });
  }
  return out;
}

interface Located {
  issue: Issue;
  path: Path;
}

function flatten(issues: readonly Issue[], prefix: Path): Located[] {
  const out: Located[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as Path)];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Prefer the branch that got furthest: one whose errors are not a mere type mismatch at its root.
      const deep = issue.errors.filter((b) => !b.every((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (deep.length > 0) {
        deep.sort((a, b) => a.length - b.length);
        out.push(...flatten(deep[0], path));
        continue;
      }
      const expected = [
        ...new Set(issue.errors.flat().map((i) => (i.code === 'invalid_type' ? typeName(i.expected) : 'another shape'))),
      ];
      out.push({
        issue: { code: 'custom', path: [], message: `expected ${expected.join(' or ')}`, input: undefined } as Issue,
        path,
      });
      continue;
    }
    out.push({ issue, path });
  }
  return out;
}

function messageFor(issue: Issue, path: Path, value: unknown): string {
  const where = describePath(path);
  const found = describeValue(value);
  switch (issue.code) {
    case 'invalid_type':
      return `Wrong type for ${where}: expected ${typeName(issue.expected)}, found ${found}.`;
    case 'invalid_value':
      return `Invalid value ${found} for ${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'too_small':
      if (issue.origin === 'array') return `${cap(where)} is empty: ${issue.message}.`;
      if (issue.origin === 'string') return `${cap(where)} is empty: expected a non-empty text.`;
      return `${cap(where)} is too small: expected at least ${String(issue.minimum)}, found ${found}.`;
    case 'too_big':
      return `${cap(where)} is too large: expected at most ${String(issue.maximum)}, found ${found}.`;
    case 'custom': {
      const m = issue.message.startsWith('expected ') ? `${issue.message}, found ${found}` : issue.message;
      return `Invalid ${where}: ${m}.`;
    }
    default:
      return `Invalid ${where}: ${issue.message}.`;
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping (key: value)';
    default:
      return expected;
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 37) + '...' : value);
  return `${typeof value} ${String(value)}`;
}

/** "session 2 of day 1 (2012-03-01)", "event", "item 3 of session 1 of day 1"... */
export function describePath(path: Path): string {
  if (path.length === 0) return 'the file';
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    const next = path[i + 1];
    if (typeof next === 'number') {
      const singular: Record<string, string> = {
        days: 'day',
        sessions: 'session',
        items: 'item',
        speakers: 'speaker',
        attendees: 'attendee',
        chair: 'chair',
        rapporteur: 'rapporteur',
        questions: 'question',
      };
      parts.push(`${singular[String(k)] ?? String(k)} ${next + 1}`);
      i++;
    } else if (i === path.length - 1) {
      parts.push(`"${String(k)}"`);
    } else if (['people', 'organisations', 'rooms'].includes(String(k)) && next !== undefined) {
      parts.push(`${String(k)}.${String(next)}`);
      i++;
    } else {
      parts.push(String(k));
    }
  }
  return parts.reverse().join(' of ');
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  innerType?: AnySchema;
  in?: AnySchema;
}

function defOf(s: AnySchema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** The keys an object schema accepts at `path` (for "did you mean"). */
export function keysAt(schema: AnySchema, path: Path): string[] {
  let candidates: AnySchema[] = [schema];
  for (const key of path) {
    const next: AnySchema[] = [];
    for (const c of candidates.flatMap(unwrap)) {
      const d = defOf(c);
      if (d.type === 'object' && d.shape && typeof key === 'string' && key in d.shape) next.push(d.shape[key]);
      else if (d.type === 'array' && d.element && typeof key === 'number') next.push(d.element);
      else if (d.type === 'record' && d.valueType) next.push(d.valueType);
    }
    candidates = next;
  }
  const keys = new Set<string>();
  for (const c of candidates.flatMap(unwrap)) {
    const d = defOf(c);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
  }
  return [...keys];
}

function unwrap(s: AnySchema): AnySchema[] {
  const d = defOf(s);
  if (d.type === 'union' && d.options) return d.options.flatMap(unwrap);
  if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType) return unwrap(d.innerType);
  if (d.type === 'pipe' && d.in) return unwrap(d.in);
  return [s];
}
