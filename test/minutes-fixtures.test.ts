/**
 * Minutes fixtures: test/fixtures-minutes/cases/<case>/minutes.md (with an event.yaml when the
 * case needs one) and expected.json, the diagnostics coop must report for the minutes. As for
 * events, a case named after a rule must trigger it and a `<rule>-ok` case must keep it
 * silent; UPDATE_FIXTURES=1 writes a missing expectation, to be reviewed.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../src/project.js';
import { minutesRules } from '../src/checks/registry.js';

const root = path.join(import.meta.dirname, 'fixtures-minutes', 'cases');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'minutes.md')))
  .map((d) => d.name)
  .sort();
const ruleNames = new Set(['ref-unknown', ...minutesRules.map((r) => r.id.split('/')[1])]);

const checkCase = async (dir: string, lang?: 'fr' | 'en') =>
  (await checkProject([{ abs: path.join(dir, 'minutes.md'), display: 'minutes.md' }], { cwd: dir, lang })).diagnostics;

describe('minutes fixtures', () => {
  it('has a triggering and a silent case for every minutes rule', () => {
    for (const r of minutesRules) {
      const name = r.id.split('/')[1];
      expect(cases, r.id).toContain(name);
      expect(cases, r.id).toContain(`${name}-ok`);
    }
  });
  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(root, name);
      const actual = (await checkCase(dir))
        .map(({ file, line, column, severity, rule, message, note }) => ({ file, line, column, severity, rule, message, ...(note ? { note } : {}) }))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
      const expectedFile = path.join(dir, 'expected.json');
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      else if (!existsSync(expectedFile)) throw new Error(`${name}/expected.json is missing: write it with UPDATE_FIXTURES=1 and review it`);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
      for (const lang of ['fr', 'en'] as const) {
        for (const d of await checkCase(dir, lang)) {
          for (const text of [d.message, d.note ?? '', d.cause?.message ?? '']) expect(text, `${lang} ${d.rule}`).not.toMatch(/\[object|undefined|NaN|null/);
        }
      }
      const rule = name.replace(/-ok$/, '');
      const hits = actual.filter((d) => d.rule.endsWith(`/${rule}`) || d.rule.replace('/', '-') === rule);
      if (name.endsWith('-ok')) expect(hits, `${rule} should stay silent`).toEqual([]);
      else if (ruleNames.has(rule)) expect(hits.length, `${rule} should trigger`).toBeGreaterThan(0);
    });
  }
});
