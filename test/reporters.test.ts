import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRules, stageRules } from '../src/checks/registry.js';
import { formatGithub } from '../src/diagnostics/reporters/github.js';
import { formatSarif, messageString } from '../src/diagnostics/reporters/sarif.js';
import type { Diagnostic } from '../src/diagnostics/types.js';
import { run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');
const d = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  file: 'ev/event.yaml',
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  severity: 'error',
  rule: 'schedule/item-overlap',
  messageId: 'overlap',
  message: 'Le point « a » chevauche : 100% sûr,\nvraiment',
  ...over,
});

describe('github reporter', () => {
  it('writes one workflow command per diagnostic, escaped', () => {
    const out = formatGithub([d(), d({ severity: 'warning', line: 1 }), d({ severity: 'info', line: 2, file: 'a,b:c.yaml' })]);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^::notice file=a%2Cb%3Ac\.yaml,line=2,col=5,endLine=3,endColumn=9,title=coop schedule\/item-overlap::/);
    expect(lines[1]).toMatch(/^::warning file=ev\/event\.yaml,line=1,/);
    expect(lines[2]).toBe(
      '::error file=ev/event.yaml,line=3,col=5,endLine=3,endColumn=9,title=coop schedule/item-overlap::Le point « a » chevauche : 100%25 sûr,%0Avraiment',
    );
    expect(lines[3]).toBe('coop: 1 error(s), 1 warning(s), 1 info(s)');
  });
});

describe('sarif reporter', () => {
  it('writes a SARIF 2.1.0 log with the required fields', () => {
    const rules = [...stageRules, ...checkRules];
    const log = JSON.parse(
      formatSarif([d({ cause: { file: 'ev/event.yaml', line: 1, column: 1, endLine: 1, endColumn: 4, message: 'other' } })], rules, '1.2.3'),
    );
    // Required by the SARIF 2.1.0 schema: version, runs; run.tool.driver.name; result.message.text.
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const run0 = log.runs[0];
    expect(run0.tool.driver.name).toBe('coop');
    expect(run0.tool.driver.version).toBe('1.2.3');
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(rules.map((r) => r.id));
    for (const r of run0.tool.driver.rules) {
      expect(r.shortDescription.text).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
    const result = run0.results[0];
    expect(result.message.text).toContain('chevauche');
    expect(result.level).toBe('error');
    expect(result.ruleId).toBe('schedule/item-overlap');
    expect(run0.tool.driver.rules[result.ruleIndex].id).toBe('schedule/item-overlap');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'ev/event.yaml' },
      region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 },
    });
    expect(result.relatedLocations[0].message.text).toBe('other');
  });

  it('is what `coop check --format sarif` prints', async () => {
    const r = await run(['check', '--format', 'sarif', 'examples/seminaire-2012/event.yaml'], repo);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain('schedule/session-overlap');
  });

  it("lists every rule's messages (messageStrings, SARIF §3.49.11) and fills them from each result's id and arguments to its text, in the language of the run", async () => {
    type Log = {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; messageStrings?: Record<string, { text: string }> }> } };
        results: Array<{ ruleId: string; ruleIndex: number; message: { id?: string; arguments?: string[]; text: string } }>;
      }>;
    };
    for (const [lang, word] of [
      ['fr', 'chevauche'],
      ['en', 'overlap'],
    ] as const) {
      const r = await run(['check', '--format', 'sarif', '--lang', lang, 'examples/seminaire-2012/event.yaml'], repo);
      const run0 = (JSON.parse(r.stdout) as Log).runs[0];
      const descriptors = run0.tool.driver.rules;
      const overlap = descriptors.find((d) => d.id === 'schedule/item-overlap')!;
      expect(Object.values(overlap.messageStrings!).some((m) => m.text.includes(word))).toBe(true);
      for (const d of descriptors) {
        for (const m of Object.values(d.messageStrings ?? {})) {
          expect(typeof m.text, d.id).toBe('string');
          // Only numbered placeholders; a brace of the text itself is doubled.
          expect(m.text.replace(/\{\d+\}|\{\{|\}\}/g, ''), d.id).not.toMatch(/[{}]/);
        }
      }
      let withArguments = 0;
      for (const result of run0.results) {
        if (!result.message.id) continue;
        const string = descriptors[result.ruleIndex].messageStrings?.[result.message.id];
        expect(string, `${result.ruleId} ${result.message.id}`).toBeDefined();
        const args = result.message.arguments ?? [];
        if (args.length) withArguments++;
        // What a viewer shows from the id: the result's text (which may add the note after it).
        const filled = string!.text.replace(/\{(\d+)\}|\{\{|\}\}/g, (m: string, n?: string) => (n === undefined ? m[0] : args[Number(n)]));
        expect(result.message.text === filled || result.message.text.startsWith(`${filled} `), `${result.ruleId} ${result.message.id}: ${filled}`).toBe(true);
      }
      expect(withArguments).toBeGreaterThan(5);
    }
  });

  it('writes a message template as a SARIF message string: placeholders numbered by first use, other braces doubled', () => {
    expect(messageString('« {title} » à {time} puis « {other} » à {time}')).toBe('« {0} » à {1} puis « {2} » à {1}');
    expect(messageString('`{ org: minefi }` pour {id}')).toBe('`{{ org: minefi }}` pour {0}');
  });

  it('github format from the CLI', async () => {
    const r = await run(['check', '--format', 'github', 'examples/seminaire-2012/event.yaml'], repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=examples\/seminaire-2012\/event\.yaml,line=427,col=20,/m);
    expect(r.stdout).toMatch(/^::warning .*title=coop people\/near-duplicate::/m);
    expect(r.stdout).toMatch(/^::notice .*title=coop people\/unconfirmed::/m);
  });
});
