/**
 * Fixture folders: test/fixtures/<case>/event.yaml with expected.json, the diagnostics coop
 * must report (rule, severity, position, message). Regenerate with UPDATE_FIXTURES=1 and
 * review the diff: the expectations are the specification of each rule.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEventFile } from '../src/project.js';
import { rules } from '../src/checks/registry.js';

const ruleNames = new Set([...rules.keys()].map((id) => id.split('/')[1]));

const root = path.join(import.meta.dirname, 'fixtures');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'event.yaml')))
  .map((d) => d.name)
  .sort();

describe('fixtures', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(10));
  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(root, name);
      const checked = await checkEventFile(path.join(dir, 'event.yaml'), 'event.yaml');
      const actual = checked.diagnostics
        .map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message }))
        .sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
      const expectedFile = path.join(dir, 'expected.json');
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      else if (!existsSync(expectedFile)) {
        throw new Error(`${name}/expected.json is missing: write it with UPDATE_FIXTURES=1 and review it`);
      }
      expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
      // Every message and note reads as a sentence in both languages: no value interpolated
      // as an object, nothing missing.
      for (const lang of ['fr', 'en'] as const) {
        const { diagnostics } = await checkEventFile(path.join(dir, 'event.yaml'), 'event.yaml', { lang });
        for (const d of diagnostics) {
          for (const text of [d.message, d.note ?? '', d.cause?.message ?? '']) {
            expect(text, `${lang} ${d.rule}`).not.toMatch(/\[object|undefined|NaN/);
          }
        }
      }
      // A fixture named <rule>-ok must keep that rule silent; one named <rule> must trigger it.
      const rule = name.replace(/-ok$/, '');
      const hits = actual.filter((d) => d.rule.endsWith(`/${rule}`));
      if (name.endsWith('-ok')) expect(hits, `${rule} should stay silent`).toEqual([]);
      else if (ruleNames.has(rule)) expect(hits.length, `${rule} should trigger`).toBeGreaterThan(0);
    });
  }
});
