/**
 * The one fixture convention (test/fixtures/README.md): `test/fixtures/<case>/` holds a case's
 * input and the output it must give. What a case is follows from its files:
 *
 * - `minutes.md` (an `event.yaml` beside it when the case needs one): minutes diagnostics,
 *   `expected.json`; named `minutes-<rule>` / `minutes-<rule>-ok`;
 * - `old.yaml` and `new.yaml`: a `coop diff` report, `expected.txt`, `expected.en.txt`,
 *   `expected.json`, `expected.md`; named `diff-<programme>`;
 * - `event.yaml`: event diagnostics, `expected.json`; named `<rule>` / `<rule>-ok`.
 *
 * The few folders listed in `inputFolders` hold inputs whose assertions are written in their
 * test file. Every expected file is compared with what coop gives; a missing one fails, and is
 * written only when UPDATE_FIXTURES=1 is set (then review the diff: the expectations are the
 * specification).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { fixturesRoot } from './helpers.js';

/** Folders of inputs read by one test file, which holds their assertions. */
export const inputFolders: ReadonlyMap<string, string> = new Map([
  ['attendees', 'test/attendees-docs.test.ts: an event with an attendee CSV'],
  ['bad', 'test/bad.test.ts: the bad-input corpus, the first error of each file in expected.json'],
  ['csv', 'test/attendees.test.ts: attendee CSV files in every encoding and dialect'],
  ['minutes', 'test/minutes.test.ts: a project of minutes and its event'],
  ['print', 'test/same-text.test.ts: long paragraphs after headings (pages are filled)'],
  ['templates', 'test/templates.test.ts: user template folders'],
]);

export type FixtureKind = 'event' | 'minutes' | 'diff';

/** The kind of the case in `test/fixtures/<name>/`, or null for an input folder. */
export function kindOf(name: string): FixtureKind | null {
  if (inputFolders.has(name)) return null;
  const has = (f: string) => existsSync(path.join(fixturesRoot, name, f));
  if (has('minutes.md')) return 'minutes';
  if (has('old.yaml') && has('new.yaml')) return 'diff';
  if (has('event.yaml')) return 'event';
  return null;
}

/** Every folder under test/fixtures/, sorted. */
export const fixtureFolders = (): string[] =>
  readdirSync(fixturesRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

/** The cases of one kind, sorted by name. */
export const fixtureCases = (kind: FixtureKind): string[] => fixtureFolders().filter((name) => kindOf(name) === kind);

/**
 * The rule a case is named after: `minutes-` and `diff-` prefixes and the `-ok` suffix
 * dropped (`minutes-quorum-ok` → `quorum`).
 */
export const ruleOfCase = (name: string): string => name.replace(/^(minutes|diff)-/, '').replace(/-ok$/, '');

/**
 * Writes `actual` to `file` when `update` (UPDATE_FIXTURES=1); otherwise a missing `file`
 * throws, and an existing one must hold `actual` exactly.
 */
export function expectFixture(file: string, actual: string, update = Boolean(process.env.UPDATE_FIXTURES)): void {
  if (update) writeFileSync(file, actual);
  else if (!existsSync(file)) {
    throw new Error(`${path.relative(fixturesRoot, file)} is missing: write it with UPDATE_FIXTURES=1 and review it`);
  }
  expect(actual, path.relative(fixturesRoot, file)).toBe(readFileSync(file, 'utf8'));
}

/** The same for a JSON expectation, written with two-space indentation, compared as data. */
export function expectJsonFixture(file: string, actual: unknown, update = Boolean(process.env.UPDATE_FIXTURES)): void {
  if (update) writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
  else if (!existsSync(file)) {
    throw new Error(`${path.relative(fixturesRoot, file)} is missing: write it with UPDATE_FIXTURES=1 and review it`);
  }
  expect(actual, path.relative(fixturesRoot, file)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}
