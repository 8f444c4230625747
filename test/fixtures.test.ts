/**
 * The diagnostic fixtures (test/fixtures/README.md): test/fixtures/<case>/event.yaml, or
 * minutes.md, with expected.json, the diagnostics coop must report (rule, severity, position, message id and
 * message). One harness for both kinds, through a small adapter each; the `coop diff` cases
 * are run by test/diff.test.ts through the same fixture-harness module. Regenerate with
 * UPDATE_FIXTURES=1 and review the diff: the expectations are the specification of each rule.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEventFile, checkProject } from '../src/project.js';
import { minutesRules, rules } from '../src/checks/registry.js';
import type { Diagnostic } from '../src/diagnostics/types.js';
import { expectFixture, expectJsonFixture, fixtureCases, fixtureFolders, inputFolders, kindOf, ruleOfCase } from './fixture-harness.js';
import { fixturesRoot } from './helpers.js';

interface Adapter {
  /** Every diagnostic of the case, in `lang` when given. */
  check(dir: string, lang?: 'fr' | 'en'): Promise<Diagnostic[]>;
  /** What expected.json records of a diagnostic, in its order. */
  record(diagnostics: Diagnostic[]): unknown[];
  /** The rules a case may be named after. */
  ruleNames: Set<string>;
  /** Whether a diagnostic is one of the rule `rule` (the case's name). */
  isRule(rule: string, id: string): boolean;
}

const adapters: Record<'event' | 'minutes', Adapter> = {
  event: {
    check: async (dir, lang) => (await checkEventFile(path.join(dir, 'event.yaml'), 'event.yaml', lang ? { lang } : undefined)).diagnostics,
    record: (ds) =>
      ds
        .map(({ file, line, column, severity, rule, messageId, message }) => ({ file, line, column, severity, rule, messageId, message }))
        .sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule)),
    ruleNames: new Set([...rules.keys()].map((id) => id.split('/')[1])),
    isRule: (rule, id) => id.endsWith(`/${rule}`),
  },
  minutes: {
    check: async (dir, lang) => (await checkProject([{ abs: path.join(dir, 'minutes.md'), display: 'minutes.md' }], { cwd: dir, lang })).diagnostics,
    record: (ds) =>
      ds
        .map(({ file, line, column, severity, rule, messageId, message, note }) => ({
          file,
          line,
          column,
          severity,
          rule,
          messageId,
          message,
          ...(note ? { note } : {}),
        }))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule)),
    ruleNames: new Set(['ref-unknown', ...minutesRules.map((r) => r.id.split('/')[1])]),
    isRule: (rule, id) => id.endsWith(`/${rule}`) || id.replace('/', '-') === rule,
  },
};

describe('the fixture convention', () => {
  it('every folder of test/fixtures/ is a case (event, minutes or diff) or a listed input folder', () => {
    const unknown = fixtureFolders().filter((name) => kindOf(name) === null && !inputFolders.has(name));
    expect(unknown, 'a folder with no input coop knows and not listed in inputFolders').toEqual([]);
    for (const name of inputFolders.keys()) expect(existsSync(path.join(fixturesRoot, name)), name).toBe(true);
    expect(fixtureCases('event').length).toBeGreaterThan(10);
    expect(fixtureCases('diff').length).toBeGreaterThanOrEqual(2);
  });

  it('a missing expectation fails, and is written only under UPDATE_FIXTURES', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-fixture-'));
    try {
      const file = path.join(dir, 'expected.json');
      expect(() => expectJsonFixture(file, [{ rule: 'x' }], false)).toThrow(/expected\.json is missing: write it with UPDATE_FIXTURES=1/);
      expect(() => expectFixture(path.join(dir, 'expected.txt'), 'x\n', false)).toThrow(/is missing/);
      expect(existsSync(file)).toBe(false);
      expectJsonFixture(file, [{ rule: 'x' }], true);
      expect(readFileSync(file, 'utf8')).toBe('[\n  {\n    "rule": "x"\n  }\n]\n');
      // Once written, it is the expectation: a different result fails.
      expectJsonFixture(file, [{ rule: 'x' }], false);
      expect(() => expectJsonFixture(file, [{ rule: 'y' }], false)).toThrow();
      writeFileSync(path.join(dir, 'expected.txt'), 'x\n');
      expect(() => expectFixture(path.join(dir, 'expected.txt'), 'y\n', false)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has a triggering and a silent case for every minutes rule', () => {
    const cases = fixtureCases('minutes');
    for (const r of minutesRules) {
      const name = r.id.split('/')[1];
      expect(cases, r.id).toContain(`minutes-${name}`);
      expect(cases, r.id).toContain(`minutes-${name}-ok`);
    }
  });
});

for (const kind of ['event', 'minutes'] as const) {
  const adapter = adapters[kind];
  describe(`${kind} fixtures`, () => {
    for (const name of fixtureCases(kind)) {
      it(name, async () => {
        const dir = path.join(fixturesRoot, name);
        const actual = adapter.record(await adapter.check(dir)) as Array<{ rule: string }>;
        expectJsonFixture(path.join(dir, 'expected.json'), actual);
        // Every message and note reads as a sentence in both languages: no value interpolated
        // as an object, nothing missing.
        for (const lang of ['fr', 'en'] as const) {
          for (const d of await adapter.check(dir, lang)) {
            for (const text of [d.message, d.note ?? '', d.cause?.message ?? '']) {
              expect(text, `${lang} ${d.rule}`).not.toMatch(/\[object|undefined|NaN|null/);
            }
          }
        }
        // A case named <rule>-ok must keep that rule silent; one named <rule> must trigger it.
        const rule = ruleOfCase(name);
        const hits = actual.filter((d) => adapter.isRule(rule, d.rule));
        if (name.endsWith('-ok')) expect(hits, `${rule} should stay silent`).toEqual([]);
        else if (adapter.ruleNames.has(rule)) expect(hits.length, `${rule} should trigger`).toBeGreaterThan(0);
      });
    }
  });
}
