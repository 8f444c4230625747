/**
 * Fuzzing with fast-check: the valid examples, randomly broken (lines deleted, duplicated,
 * swapped; values replaced by random text, numbers, right-to-left text, emoji, YAML,
 * Markdown, CSV and Handlebars punctuation; random Unicode inserted; the file truncated), are
 * checked in-process. The mutated files are events, Markdown minutes, an attendee CSV and user
 * templates (a copy of coop's own, which `check` renders). Whatever the input,
 * `coop check --format json` must not throw, must exit 0 or 1, must print well-formed
 * diagnostics, and must stay within a time and a memory bound per case (a case past them
 * fails: an input that makes coop crawl or swell is a finding too).
 *
 * The seed is fixed (it is in each test's name) so a failure replays exactly; fast-check's
 * message also gives the `path` of the failing case. To explore further:
 *   COOP_FUZZ_SEED=123 COOP_FUZZ_RUNS=5000 npx vitest run test/fuzz.test.ts
 * Round-trip properties of time and duration parsing and formatting close the file.
 *
 * Found so far (and fixed in "Fix what the bad-input corpus found"): seed 20120301, minutes
 * with `event: |` (an empty string) crashed with EISDIR; seed 5, `kind: !` (an empty tagged
 * value) was placed at 1:0; seed 7, minutes with a bare \r were placed past the end.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../src/checks/registry.js';
import { formatHHMM, parseDuration, parseTime } from '../src/model/time.js';
import { formatDuration, formatTime, type Locale } from '../src/typography/index.js';
import { run } from './helpers.js';

const SEED = Number(process.env.COOP_FUZZ_SEED ?? 20120301);
/**
 * Multiplies every example's number of runs. The full budget is 4,600 cases
 * (`COOP_FUZZ_RUNS=4600`, `npm run test:fuzz`, the scheduled long run `.ci/fuzz`); `npm test`
 * runs a fixed-seed sample of 250 so that the suite stays fast. fast-check draws case i of a
 * seed the same whatever numRuns is, so the sample is the first cases of the long run: the
 * long run covers it and the rest.
 */
const RUNS = Number(process.env.COOP_FUZZ_RUNS ?? 0) > 0 ? Number(process.env.COOP_FUZZ_RUNS) : 250;
const SCALE = RUNS / 4600;
const STACK = /\n\s+at /;

const repo = path.join(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'coop-fuzz-'));
cpSync(path.join(repo, 'examples'), work, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------
// Mutations

type Mutation =
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'replace-value'; at: number; value: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

const rtl = ['مؤتمر التعاون اللامركزي', 'כנס', 'كلمة الافتتاح', '\u202Eevil\u202C', '\u200F', '\u061C', 'Salle \u05D0'];
const emoji = ['🎉', '👩🏽‍💻', '🇫🇷', '😀', '🏳️‍🌈', '\u{1F9D1}\u200D\u{1F91D}\u200D\u{1F9D1}'];
const yamlish = [
  '',
  '~',
  'null',
  '[',
  ']',
  '{',
  '}',
  '[a, b',
  '{ a: 1',
  '"',
  "'",
  '"unclosed',
  '*a',
  '&a x',
  '*undefined',
  '!!binary',
  '!!js/function x',
  '!tag',
  '|',
  '>',
  '|-',
  '- ',
  ': ',
  'a: b: c',
  '#',
  '---',
  '...',
  '%YAML 1.1',
  '? ',
  '\t',
  '@x',
  '<<',
  'true',
  'no',
  '.nan',
  '.inf',
  '0x1F',
  '0o17',
  '1e400',
  '-1',
  '0',
  '9.5',
  '1_000',
  '25h70',
  '9h75',
  '-1h',
  '24h',
  '23:59',
  '9:',
  '2012-02-30',
  '2011-02-29',
  '2012-13-01',
  '0min',
  '-10min',
  '90m',
  '1h60',
  '\\',
  '\\u0000',
  '\u0007',
  '\uFEFF',
  '\r',
  '\u2028',
  '\u00A0',
  '\u202F',
  'é',
  'Œ',
  '../../etc/passwd',
  '/etc/passwd',
  '*.md',
  '**/*',
  '[x]',
];
const markdownish = [
  '>'.repeat(40),
  '- '.repeat(40),
  '*a'.repeat(600),
  '[x]',
  '[x]: http://a',
  '|a|b|\n|-|-|',
  '```',
  '# ',
  '- [ ] @x due:2016-02-30',
  '<script>',
  '<!--',
  '&#0;',
  '[a](javascript:x)',
  '![p](http://t/p.png)',
  '\\',
];
const csvish = [';', ',', '"', '""', '";"', '\u0000', '\u001b]52;c;eA==\u0007', '\u200b', '=CMD()', ';;;;;;;;', '\ufeff'];
const templateish = [
  '{{',
  '}}',
  '{{{',
  '}}}',
  '{{#each @root.days}}',
  '{{/each}}',
  '{{> item}}',
  '{{log "x"}}',
  '{{upper titel}}',
  '{{markdown title}}',
  '{{#if}}',
  '<div>',
  '</div>',
  '<b class="x">',
  '{{{body}}}',
  '{{!--',
  '--}}',
  'url(http://t/x.png)',
  '</style>',
];
const pieces = [...rtl, ...emoji, ...yamlish, ...markdownish, ...csvish, ...templateish];

const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...pieces) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }).map((a) => a.join(' ')) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

const index = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: index.map((at): Mutation => ({ kind: 'delete-line', at })) },
  { weight: 2, arbitrary: index.map((at): Mutation => ({ kind: 'duplicate-line', at })) },
  { weight: 2, arbitrary: fc.tuple(index, index).map(([at, other]): Mutation => ({ kind: 'swap-lines', at, other })) },
  { weight: 5, arbitrary: fc.tuple(index, text).map(([at, value]): Mutation => ({ kind: 'replace-value', at, value })) },
  { weight: 2, arbitrary: fc.tuple(index, text).map(([at, t]): Mutation => ({ kind: 'insert', at, text: t })) },
  { weight: 1, arbitrary: index.map((at): Mutation => ({ kind: 'truncate', at })) },
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

/** The indexes of the lines that hold `key: value`, for replace-value. */
function valueLines(lines: string[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (/:\s/.test(l) && !/^\s*#/.test(l)) out.push(i);
  });
  return out;
}

function mutate(source: string, list: Mutation[]): string {
  let lines = source.split('\n');
  for (const m of list) {
    const n = Math.max(lines.length, 1);
    const i = m.at % n;
    switch (m.kind) {
      case 'delete-line':
        lines.splice(i, 1);
        break;
      case 'duplicate-line':
        lines.splice(i, 0, lines[i] ?? '');
        break;
      case 'swap-lines': {
        const j = m.other % n;
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        break;
      }
      case 'replace-value': {
        const candidates = valueLines(lines);
        if (candidates.length === 0) break;
        const k = candidates[m.at % candidates.length];
        const line = lines[k];
        // after the first ": " (a key's value, or a flow mapping's first value)
        const at = line.search(/:\s/);
        lines[k] = `${line.slice(0, at + 2)}${m.value}`;
        break;
      }
      case 'insert': {
        const joined = lines.join('\n');
        const p = m.at % (joined.length + 1);
        lines = (joined.slice(0, p) + m.text + joined.slice(p)).split('\n');
        break;
      }
      case 'truncate': {
        const joined = lines.join('\n');
        lines = joined.slice(0, m.at % (joined.length + 1)).split('\n');
        break;
      }
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------
// The property

interface JsonDiagnostic {
  file: unknown;
  line: unknown;
  column: unknown;
  severity: unknown;
  rule: unknown;
  message: unknown;
}

const positive = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim().length > 0;

/** What is wrong with one diagnostic, or null when it is well formed. */
function malformed(d: JsonDiagnostic): string | null {
  if (!nonEmpty(d.file)) return 'no file';
  if (!positive(d.line)) return `line ${String(d.line)}`;
  if (!positive(d.column)) return `column ${String(d.column)}`;
  if (d.severity !== 'error' && d.severity !== 'warning' && d.severity !== 'info') return `severity ${String(d.severity)}`;
  if (!nonEmpty(d.rule) || !rules.has(d.rule as string)) return `rule ${String(d.rule)}`;
  if (!nonEmpty(d.message)) return 'empty message';
  return null;
}

/**
 * A diagnostic on the mutated file must point inside it (the end-of-file position included);
 * lines end on \r\n, \n or a bare \r, as YAML, CommonMark and editors count them.
 */
function outside(d: JsonDiagnostic, file: string, input: string): string | null {
  if (d.file !== file) return null;
  const lines = input.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const line = d.line as number;
  const column = d.column as number;
  if (line > lines.length) return `line ${line} past the end (${lines.length} lines)`;
  if (column > lines[line - 1].length + 1) return `column ${column} past the end of line ${line}`;
  return null;
}

interface Target {
  name: string;
  /** The file that is mutated, relative to the work folder (the cwd of each run). */
  file: string;
  /** The file that is checked (the event that reads a mutated CSV or template). */
  checked?: string;
  runs: number;
}

const targets: Target[] = [
  { name: 'universites-automne/event.yaml', file: 'universites-automne/event.yaml', runs: 1300 },
  { name: 'seminaire-2012/event.yaml', file: 'seminaire-2012/event.yaml', runs: 900 },
  // the minutes keep their `event: ../event.yaml`, copied alongside with the example folder
  { name: 'reunion-sud-est-2016/minutes/compte-rendu.md', file: 'reunion-sud-est-2016/minutes/compte-rendu.md', runs: 900 },
  // the attendee CSV, read by its event
  { name: 'universites-automne/participants.csv', file: 'universites-automne/participants.csv', checked: 'universites-automne/event.yaml', runs: 600 },
  // user templates (a copy of coop's own, used through `templates:`), rendered by check
  { name: 'templates: programme.hbs', file: 'avec-modeles/tpl/programme/programme.hbs', checked: 'avec-modeles/event.yaml', runs: 400 },
  { name: 'templates: partials/item.hbs', file: 'avec-modeles/tpl/partials/item.hbs', checked: 'avec-modeles/event.yaml', runs: 300 },
  { name: 'templates: layout.hbs', file: 'avec-modeles/tpl/layout.hbs', checked: 'avec-modeles/event.yaml', runs: 100 },
  { name: 'templates: style.css', file: 'avec-modeles/tpl/style.css', checked: 'avec-modeles/event.yaml', runs: 100 },
];

// A project with user templates: a clean event (the autumn university) and a copy of coop's templates.
cpSync(path.join(repo, 'examples', 'universites-automne'), path.join(work, 'avec-modeles'), { recursive: true });
cpSync(path.join(repo, 'templates'), path.join(work, 'avec-modeles', 'tpl'), { recursive: true });
writeFileSync(path.join(work, 'avec-modeles', 'event.yaml'), `templates: tpl\n${readFileSync(path.join(work, 'avec-modeles', 'event.yaml'), 'utf8')}`);

/**
 * Bounds per case. Time: a check of these examples takes ~50 ms; 10 s means an input made
 * coop crawl (measured on a loaded 2-core machine, hence the margin). Memory: the peak
 * resident set of the whole process may not pass 2.5 GB (a reference bomb took 3.4 GB).
 */
const MAX_CASE_MS = Number(process.env.COOP_FUZZ_MAX_MS ?? 10_000);
const MAX_RSS_BYTES = 2.5 * 2 ** 30;

interface Stats {
  exit0: number;
  exit1: number;
  /** The slowest case, to spot inputs that make coop crawl. */
  slowest: { ms: number; mutations: Mutation[] };
}

async function checkMutated(target: Target, original: string, list: Mutation[], stats: Stats): Promise<void> {
  const input = mutate(original, list);
  writeFileSync(path.join(work, target.file), input);
  const t0 = performance.now();
  const r = await run(['check', '--format', 'json', target.checked ?? target.file], work);
  const ms = performance.now() - t0;
  if (ms > stats.slowest.ms) stats.slowest = { ms, mutations: list };
  const where = `\n--- input ---\n${input.slice(0, 2000)}\n--- stderr ---\n${r.stderr.slice(0, 1000)}`;
  if (ms > MAX_CASE_MS) throw new Error(`the case took ${Math.round(ms)} ms (bound ${MAX_CASE_MS} ms)${where}`);
  const rss = Math.max(process.resourceUsage().maxRSS * 1024, process.memoryUsage().rss);
  if (rss > MAX_RSS_BYTES) throw new Error(`the process peaked at ${Math.round(rss / 2 ** 20)} MB (bound ${MAX_RSS_BYTES / 2 ** 20} MB)${where}`);
  if (STACK.test(r.stdout + r.stderr)) throw new Error(`a stack trace was printed${where}`);
  if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}${where}`);
  let report: { diagnostics?: unknown; summary?: unknown };
  try {
    report = JSON.parse(r.stdout) as typeof report;
  } catch {
    throw new Error(`stdout is not JSON: ${r.stdout.slice(0, 300)}${where}`);
  }
  if (!Array.isArray(report.diagnostics) || typeof report.summary !== 'object' || report.summary === null) {
    throw new Error(`not the FORMAT.md §3 shape: ${r.stdout.slice(0, 300)}`);
  }
  const diagnostics = report.diagnostics as JsonDiagnostic[];
  for (const d of diagnostics) {
    const wrong = malformed(d) ?? (d.file === target.file ? outside(d, target.file, input) : null);
    if (wrong) throw new Error(`malformed diagnostic (${wrong}): ${JSON.stringify(d)}${where}`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0 !== (r.code === 1)) throw new Error(`exit ${r.code} with ${errors} errors${where}`);
  if (r.code === 0) stats.exit0++;
  else stats.exit1++;
}

describe(`fuzzing check --format json (seed ${SEED})`, () => {
  for (const target of targets) {
    const numRuns = Math.max(1, Math.round(target.runs * SCALE));
    it(`${target.name}: ${numRuns} mutated files, seed ${SEED}`, async () => {
      const file = path.join(work, target.file);
      const original = readFileSync(file, 'utf8');
      const stats: Stats = { exit0: 0, exit1: 0, slowest: { ms: 0, mutations: [] } };
      const t0 = performance.now();
      try {
        await fc.assert(
          fc.asyncProperty(mutations, (list) => checkMutated(target, original, list, stats)),
          { seed: SEED, numRuns },
        );
      } finally {
        writeFileSync(file, original);
      }
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(
        `fuzz ${target.name} seed=${SEED} runs=${numRuns}: exit 0 x${stats.exit0}, exit 1 x${stats.exit1}, ` +
          `${s} s; ` +
          `slowest case ${Math.round(stats.slowest.ms)} ms: ${JSON.stringify(stats.slowest.mutations)}`,
      );
    }, 120_000);
  }
});

// ---------------------------------------------------------------------------------------
// Times and durations: parse(format(x)) === x

describe(`time and duration round trips (seed ${SEED})`, () => {
  const minuteOfDay = fc.integer({ min: 0, max: 1439 });
  const locale = fc.constantFrom<Locale>('fr', 'en');

  it('parseTime(formatHHMM(m)) === m for every minute of the day', () => {
    // exhaustive: the domain is small
    for (let m = 0; m <= 1439; m++) expect(parseTime(formatHHMM(m)), formatHHMM(m)).toBe(m);
  });

  it('parseDuration(`${m}min`) === m, and `${m} min`, and a number m', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (m) => {
        expect(parseDuration(`${m}min`)).toBe(m);
        expect(parseDuration(`${m} min`)).toBe(m);
        expect(parseDuration(m)).toBe(m);
      }),
      { seed: SEED, numRuns: 2000 },
    );
    for (let m = 1; m <= 1440; m++) expect(parseDuration(`${m}min`)).toBe(m);
  });

  it('formatTime ("9 h 30", "14 h", "9:30") re-parses with parseTime, non-breaking spaces replaced or not', () => {
    expect(formatTime(570, 'fr')).toBe('9\u00a0h\u00a030');
    expect(formatTime(840, 'fr')).toBe('14\u00a0h');
    expect(formatTime(570, 'en')).toBe('9:30');
    fc.assert(
      fc.property(minuteOfDay, locale, (m, l) => {
        const printed = formatTime(m, l);
        expect(parseTime(printed.replace(/[\u00a0\u202f]/g, ' '))).toBe(m);
        expect(parseTime(printed)).toBe(m);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('formatDuration ("1 h 30", "10 min") re-parses with parseDuration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), locale, (m, l) => {
        const printed = formatDuration(m, l);
        expect(parseDuration(printed.replace(/[\u00a0\u202f]/g, ' '))).toBe(m);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('parseTime and parseDuration never throw, and stay in range, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(...yamlish)), (s) => {
        const t = parseTime(s);
        if (t !== undefined) expect(t >= 0 && t <= 1440 && Number.isInteger(t)).toBe(true);
        const d = parseDuration(s);
        if (d !== undefined) expect(d >= 1 && Number.isInteger(d)).toBe(true);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
