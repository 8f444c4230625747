/**
 * Hostile and broken input. test/fixtures/bad/ holds small broken files (and the Markdown of
 * the second attack, issue #13: nesting and emphasis, table and reference bombs, names of
 * nothing, minutes named like an event document), and
 * test/fixtures/bad/expected.json the first error each must give (rule, line, column, and a
 * fragment of the message where the wording matters, e.g. a "did you mean"). Every file is
 * checked in-process, as a user would run `coop check --format json FILE` from that folder:
 * exit 1, the JSON of FORMAT.md §3, positions inside the file, no stack trace, nothing written.
 * Large, deep and symlinked inputs are generated at run time in a temporary folder.
 *
 * Known bugs are listed in `knownBugs` below (each with a `// BUG:` comment): their tests run
 * with `it.fails`, so they turn red once the bug is fixed. Remove the entry then. Fixed so
 * far (commit "Fix what the bad-input corpus found"): empty values at 1:0, bare CR line
 * endings, the second document's place, `__proto__` ids, EISDIR crashes on folders, the
 * alias-bomb limit counting every node, near-duplicate reporting every pair.
 */
import {
  closeSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../src/checks/registry.js';
import { fixturesRoot, loadAwareSeconds, run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');
const badDir = path.join(fixturesRoot, 'bad');
const STACK = /\n\s+at /;

interface Expectation {
  /** The rule id, or the ids a correct fix may reasonably choose. */
  rule: string | string[];
  line: number;
  /** Omitted where a column means nothing (binary, wrong encoding). */
  column?: number;
  /** A fragment the message must contain. */
  message?: string;
}

interface JsonPlace {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

interface JsonDiagnostic extends JsonPlace {
  severity: string;
  rule: string;
  message: string;
  cause?: JsonPlace & { message?: string };
  note?: string;
}

interface JsonReport {
  diagnostics: JsonDiagnostic[];
  summary: { errors: number; warnings: number; infos: number };
}

/** Object.prototype as it was before any input was read (see "no prototype pollution"). */
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

const expected = JSON.parse(readFileSync(path.join(badDir, 'expected.json'), 'utf8')) as Record<string, Expectation>;

/**
 * Corpus files whose expectation coop does not meet yet. The expectation in expected.json is
 * the correct behaviour; the test runs with `it.fails` until the bug is fixed.
 */
const knownBugs = new Map<string, string>([]);

// ---------------------------------------------------------------------------------------
// Helpers

const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `coop-bad-${prefix}-`));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Every path under `dir` with its type, size and modification time (symlinks not followed). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      const st = lstatSync(path.join(dir, r));
      out.set(r, `${st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : 'f'}:${st.size}:${st.mtimeMs}`);
      if (e.isDirectory()) walk(r);
    }
  };
  walk('');
  return out;
}

/**
 * The lines of a file as coop should count them: UTF-8 (BOM dropped), split on \r\n, \n or a
 * bare \r (YAML and CommonMark both end lines on each, and so do editors).
 */
function linesOf(bytes: Buffer): string[] | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (bytes.includes(0)) return null;
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

function parseReport(stdout: string): JsonReport {
  let report: unknown;
  expect(() => (report = JSON.parse(stdout)), `stdout is not JSON: ${stdout.slice(0, 300)}`).not.toThrow();
  const r = report as JsonReport;
  expect(Object.keys(r).sort()).toEqual(['diagnostics', 'summary']);
  expect(Array.isArray(r.diagnostics)).toBe(true);
  const count = (s: string) => r.diagnostics.filter((d) => d.severity === s).length;
  expect(r.summary).toEqual({ errors: count('error'), warnings: count('warning'), infos: count('info') });
  return r;
}

/** A place is 1-based and inside its file (the end-of-file position, after the last \n, counts). */
function expectPlaceInside(p: JsonPlace, what: string, lines: string[] | null, lineCount: number): void {
  expect(Number.isInteger(p.line) && p.line >= 1, `${what}: line ${p.line} is not 1-based`).toBe(true);
  expect(Number.isInteger(p.column) && p.column >= 1, `${what}: column ${p.column} is not 1-based`).toBe(true);
  expect(p.line, `${what}: line ${p.line} is past the end of the file (${lineCount} lines)`).toBeLessThanOrEqual(lineCount);
  if (lines) {
    const width = lines[p.line - 1].length + 1;
    expect(p.column, `${what}: column ${p.column} is past the end of line ${p.line} (${width - 1} characters)`).toBeLessThanOrEqual(width);
  }
  if (p.endLine !== undefined && p.endColumn !== undefined) {
    expect(p.endLine >= p.line, `${what}: endLine ${p.endLine} before line ${p.line}`).toBe(true);
    if (p.endLine === p.line) expect(p.endColumn >= p.column, `${what}: endColumn before column`).toBe(true);
    expect(p.endLine).toBeLessThanOrEqual(lineCount);
    // The end is exclusive: a one-character mark on the end-of-file position ends one past it.
    if (lines) expect(p.endColumn).toBeLessThanOrEqual(lines[p.endLine - 1].length + 2);
  }
}

/**
 * Every diagnostic well formed, with its positions inside the file it names (files are
 * resolved against `cwd`).
 */
function expectWellFormed(report: JsonReport, cwd: string): void {
  const cache = new Map<string, { lines: string[] | null; count: number }>();
  const fileInfo = (file: string) => {
    let info = cache.get(file);
    if (!info) {
      const bytes = readFileSync(path.resolve(cwd, file));
      const lines = linesOf(bytes);
      // not text: count the line feeds
      let count = 1;
      for (const b of bytes) if (b === 0x0a) count++;
      info = { lines, count: lines ? lines.length : count };
      cache.set(file, info);
    }
    return info;
  };
  for (const d of report.diagnostics) {
    const what = `${d.file}:${d.line}:${d.column} ${d.rule}`;
    expect(['error', 'warning', 'info'], what).toContain(d.severity);
    expect(rules.has(d.rule), `${what}: unregistered rule`).toBe(true);
    expect(typeof d.message === 'string' && d.message.trim().length > 0, `${what}: empty message`).toBe(true);
    expect(typeof d.file === 'string' && d.file.length > 0, `${what}: no file`).toBe(true);
    const { lines, count } = fileInfo(d.file);
    expectPlaceInside(d, what, lines, count);
    if (d.cause) {
      const c = fileInfo(d.cause.file);
      expectPlaceInside(d.cause, `${what} (cause)`, c.lines, c.count);
    }
  }
}

function firstError(report: JsonReport): JsonDiagnostic | undefined {
  return report.diagnostics.filter((d) => d.severity === 'error').sort((a, b) => a.line - b.line || a.column - b.column)[0];
}

function expectFirstError(report: JsonReport, exp: Expectation): void {
  const first = firstError(report);
  expect(first, 'no error reported').toBeDefined();
  const got = first!;
  const rulesOk = Array.isArray(exp.rule) ? exp.rule : [exp.rule];
  expect(rulesOk, `first error: ${got.rule} ${got.line}:${got.column} ${got.message}`).toContain(got.rule);
  expect({ line: got.line, ...(exp.column !== undefined ? { column: got.column } : {}) }, got.message).toEqual({
    line: exp.line,
    ...(exp.column !== undefined ? { column: exp.column } : {}),
  });
  if (exp.message) expect(got.message).toContain(exp.message);
}

interface Checked {
  code: number;
  stdout: string;
  stderr: string;
  report: JsonReport;
}

/** `coop check --format json FILE` from `cwd`, with every invariant that holds for any input. */
async function checkFile(file: string, cwd: string, exitCodes: number[] = [1]): Promise<Checked> {
  const before = snapshot(cwd);
  const r = await run(['check', '--format', 'json', file], cwd);
  expect(r.stdout + r.stderr, 'a stack trace was printed').not.toMatch(STACK);
  expect(r.stderr, 'internal error').not.toContain('internal error');
  expect(exitCodes, `exit code ${r.code}; stderr: ${r.stderr}`).toContain(r.code);
  const report = parseReport(r.stdout);
  expectWellFormed(report, cwd);
  expect(snapshot(cwd), 'check wrote into the project folder').toEqual(before);
  return { ...r, report };
}

const sameOrder = (report: JsonReport) => report.diagnostics.map((d) => ({ severity: d.severity, rule: d.rule, line: d.line, column: d.column }));

// ---------------------------------------------------------------------------------------
// The committed corpus

describe('bad-input corpus (test/fixtures/bad)', () => {
  const files = readdirSync(badDir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== 'expected.json')
    .map((e) => e.name)
    .sort();

  it('has at least 40 files, each with an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(expected).sort()).toEqual(files);
    for (const name of knownBugs.keys()) expect(expected[name], name).toBeDefined();
    // The fixtures runner must not pick this folder up.
    expect(existsSync(path.join(badDir, 'event.yaml'))).toBe(false);
  });

  it('keeps its bytes as written (CRLF, BOM, UTF-16, Latin-1, NUL survive git)', () => {
    const bytes = (f: string) => readFileSync(path.join(badDir, f));
    for (const f of files.filter((n) => n.includes('crlf'))) {
      const b = bytes(f).toString('latin1');
      expect(b.includes('\r\n'), f).toBe(true);
      expect(/[^\r]\n/.test(b), `${f} has a bare LF`).toBe(false);
    }
    for (const f of ['bom-utf8-unknown-key.yaml', 'minutes-bom-unknown-key.md']) expect([...bytes(f).subarray(0, 3)], f).toEqual([0xef, 0xbb, 0xbf]);
    expect([...bytes('encoding-utf16le-bom.yaml').subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect([...bytes('encoding-utf16be-bom.yaml').subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(bytes('encoding-latin1.yaml').includes(0xe9)).toBe(true);
    expect(bytes('minutes-latin1.md').includes(0xe9)).toBe(true);
    expect(bytes('binary-nul.yaml').includes(0)).toBe(true);
    expect(bytes('minutes-binary.md').includes(0)).toBe(true);
    expect(bytes('empty.yaml').length).toBe(0);
  });

  for (const name of files) {
    const exp = expected[name];
    const bug = knownBugs.get(name);
    const test = bug ? it.fails : it;
    test(bug ? `${name} (BUG: ${bug})` : name, async () => {
      const { report } = await checkFile(name, badDir);
      expectFirstError(report, exp);
    });
  }

  it('a UTF-8 BOM changes nothing: same diagnostics as without it', async () => {
    const dir = tempDir('bom');
    for (const name of ['bom-utf8-unknown-key.yaml', 'minutes-bom-unknown-key.md']) {
      const bytes = readFileSync(path.join(badDir, name));
      writeFileSync(path.join(dir, name), bytes);
      const plain = name.replace('bom', 'nobom');
      writeFileSync(path.join(dir, plain), bytes.subarray(3));
      const withBom = await checkFile(name, dir);
      const without = await checkFile(plain, dir);
      expect(sameOrder(withBom.report)).toEqual(sameOrder(without.report));
      expect(withBom.report.diagnostics.map((d) => d.message)).toEqual(without.report.diagnostics.map((d) => d.message));
    }
  });

  it('CRLF changes no position: each CRLF file reports what its LF twin reports', async () => {
    const dir = tempDir('crlf');
    cpSync(path.join(badDir, 'project'), path.join(dir, 'project'), { recursive: true });
    for (const name of files.filter((n) => n.includes('crlf'))) {
      const text = readFileSync(path.join(badDir, name), 'utf8');
      writeFileSync(path.join(dir, name), text);
      const lf = name.replace('crlf', 'lf');
      writeFileSync(path.join(dir, lf), text.replace(/\r\n/g, '\n'));
      const a = await checkFile(name, dir);
      const b = await checkFile(lf, dir);
      expect(sameOrder(a.report), name).toEqual(sameOrder(b.report));
    }
  });

  it('the syntax fixtures of test/fixtures/ keep every invariant too (alias bomb, alias chain, deep, tabs, duplicate key)', async () => {
    for (const name of readdirSync(fixturesRoot).filter((n) => n.startsWith('syntax-'))) {
      const { report } = await checkFile('event.yaml', path.join(fixturesRoot, name));
      expect(firstError(report)?.rule, name).toBe('syntax/yaml');
    }
  });
});

// ---------------------------------------------------------------------------------------
// Generated at run time: too big, too deep or too odd to commit

/** Write `count` chunks from `chunk(i)` without holding the whole file in memory. */
function writeChunks(file: string, head: string, count: number, chunk: (i: number) => string, tail: string): number {
  const fd = openSync(file, 'w');
  let size = 0;
  try {
    size += writeSync(fd, head);
    let buf = '';
    for (let i = 0; i < count; i++) {
      buf += chunk(i);
      if (buf.length > 1 << 20) {
        size += writeSync(fd, buf);
        buf = '';
      }
    }
    size += writeSync(fd, buf + tail);
  } finally {
    closeSync(fd);
  }
  return size;
}

const DAYS = 'days:\n  - date: 2012-03-01\n    sessions:\n      - { title: Matin, start: "9h", end: "10h" }\n';

/** Run `check` on a big file and measure time and the growth of the resident set (peak). */
async function checkBig(file: string, cwd: string) {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const r = await run(['check', '--format', 'json', file], cwd);
  const seconds = (performance.now() - t0) / 1000;
  // maxRSS is the process's peak (KiB): an upper bound of the peak during this run.
  const growth = Math.max(process.resourceUsage().maxRSS * 1024, process.memoryUsage().rss) - rssBefore;
  return { ...r, seconds, growthMB: Math.round(growth / 2 ** 20) };
}

/** A people entry with a name far from every other (no near-duplicate warnings). */
const person = (i: number) => `  p${i}: { name: ${distinctName(i)}, role: "Chargée de mission", org: cuf, email: p${i}@example.org }\n`;
const PEOPLE_HEAD = 'event: { title: Séminaire }\norganisations:\n  cuf: { name: Cités Unies France }\npeople:\n';

/**
 * A huge file that is valid apart from its size: exit 0, or exit 1 with only syntax/size
 * errors (inputs over 10 MB are refused before being read), never a crash, in bounded time
 * and memory.
 */
async function expectHugeHandled(file: string, dir: string, label: string): Promise<JsonReport> {
  const r = await checkBig(file, dir);
  console.log(`${label}: exit ${r.code}, ${r.seconds.toFixed(1)} s, RSS growth <= ${r.growthMB} MB`);
  expect(r.stdout + r.stderr).not.toMatch(STACK);
  expect([0, 1], r.stderr).toContain(r.code);
  const report = parseReport(r.stdout);
  expectWellFormed(report, dir);
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.length > 0).toBe(r.code === 1);
  for (const e of errors) expect(e.rule, e.message).toBe('syntax/size');
  // 20 s on a quiet machine; more when other processes share the cores (the bound is read at
  // the end of the run, when the load average has seen it).
  expect(r.seconds).toBeLessThan(loadAwareSeconds(20));
  expect(r.growthMB).toBeLessThan(1536);
  return report;
}

describe('huge inputs (50 MB) in bounded time and memory', () => {
  // Run first in this file, so that the process's peak RSS is not inflated by earlier tests.
  it('a 50 MB `description: |` block: exit 0 or 1 (syntax/size), no crash, < 20 s, < 1.5 GB', async () => {
    const dir = tempDir('big-desc');
    const line = '    La coopération décentralisée — « synergies » et développement durable : quelles pistes ? 0123456789\n';
    const size = writeChunks(
      path.join(dir, 'event.yaml'),
      'event:\n  title: Séminaire\n  description: |\n',
      Math.ceil((50 * 2 ** 20) / Buffer.byteLength(line)),
      () => line,
      DAYS,
    );
    expect(size).toBeGreaterThanOrEqual(50 * 2 ** 20);
    await expectHugeHandled('event.yaml', dir, '50 MB description');
  }, 180_000);

  it('50 MB of people entries (480,000 people): exit 0 or 1 (syntax/size), no crash, < 20 s, < 1.5 GB', async () => {
    const dir = tempDir('big-people');
    const size = writeChunks(path.join(dir, 'event.yaml'), PEOPLE_HEAD, 480_000, person, DAYS);
    expect(size).toBeGreaterThanOrEqual(50 * 2 ** 20);
    await expectHugeHandled('event.yaml', dir, '50 MB people');
  }, 180_000);

  // Was a BUG: a document with no alias at all was refused as a "billion laughs" alias bomb
  // when it had more than 200,000 nodes (25,000 people with 4 fields, a 2.9 MB file). These
  // 94,000 people with 5 fields, about 560,000 nodes and no alias, are not one either.
  it('just under the 10 MB input limit (94,000 people, no alias): exit 0, not an alias bomb, < 20 s, < 1.5 GB', async () => {
    const dir = tempDir('people-10mb');
    const size = writeChunks(path.join(dir, 'event.yaml'), PEOPLE_HEAD, 94_000, person, DAYS);
    expect(size).toBeGreaterThan(9.5 * 2 ** 20);
    expect(size).toBeLessThan(10 * 2 ** 20);
    const report = await expectHugeHandled('event.yaml', dir, '9.7 MB people');
    expect(report.diagnostics.filter((d) => d.rule === 'syntax/yaml')).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 180_000);

  // BUG: with the limit raised (COOP_MAX_INPUT_MB=60), 50 MB of people entries (480,000
  // distinct names, no alias) took ~26 s and a peak RSS of ~3.3 GB (`/usr/bin/time` on
  // `COOP_MAX_INPUT_MB=60 node bin/coop.js check --format json event.yaml`), 15 s of it in
  // people/near-duplicate's deletion index of strings. That index now holds hashed numbers in
  // one sorted array (oneEditPairs): 22.5 user-s and 2.1 GB peak at load 11 (2026-12-02), the
  // rest being the YAML tree with its source positions. Still above 1.5 GB. Skipped, not
  // `fails`: it would cost that much on every run, and COOP_MAX_INPUT_MB is read from
  // process.env only (see the next BUG).
  it.skip('BUG: COOP_MAX_INPUT_MB=60 and 50 MB of people entries: < 20 s, < 1.5 GB', async () => {
    const dir = tempDir('big-people-raised');
    writeChunks(path.join(dir, 'event.yaml'), PEOPLE_HEAD, 480_000, person, DAYS);
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = await run(['check', '--format', 'json', 'event.yaml'], dir, { COOP_MAX_INPUT_MB: '60' });
    expect(r.code).toBe(0);
    expect((performance.now() - t0) / 1000).toBeLessThan(20);
    expect(process.resourceUsage().maxRSS * 1024 - rssBefore).toBeLessThan(1.5 * 2 ** 30);
  }, 120_000);

  // COOP_MAX_INPUT_MB is read from the environment main() is given (tests, the library).
  it('COOP_MAX_INPUT_MB passed in main({ env }) sets the input limit', async () => {
    const dir = tempDir('limit-env');
    writeChunks(path.join(dir, 'event.yaml'), PEOPLE_HEAD, 20_000, person, DAYS);
    const r = await run(['check', '--format', 'json', 'event.yaml'], dir, { COOP_MAX_INPUT_MB: '1' });
    expect(r.code).toBe(1);
    expect(firstError(parseReport(r.stdout))?.rule).toBe('syntax/size');
  });
});

describe('generated hostile inputs', () => {
  it('1,000 levels of block mappings: syntax/yaml at the 64th level, no stack overflow', async () => {
    const dir = tempDir('deep');
    const lines = ['event: { title: T }', DAYS.trimEnd(), 'extra:'];
    for (let i = 0; i < 1000; i++) lines.push(`${'  '.repeat(i + 1)}k${i}:${i === 999 ? ' fin' : ''}`);
    writeFileSync(path.join(dir, 'deep-map.yaml'), lines.join('\n') + '\n');
    const { report } = await checkFile('deep-map.yaml', dir);
    const first = firstError(report)!;
    expect(first.rule).toBe('syntax/yaml');
    expect(first.message).toContain('64');
    // the first key deeper than the limit, where the parser stops
    expect(first.line).toBeGreaterThan(60);
    expect(first.line).toBeLessThan(75);
  });

  it('1,000 nested block sequences (`- - - …`) and 100,000 nested flow mappings', async () => {
    const dir = tempDir('deep2');
    writeFileSync(path.join(dir, 'deep-seq.yaml'), `event: { title: T }\nextra:\n${'- '.repeat(1000)}x\n${DAYS}`);
    writeFileSync(path.join(dir, 'deep-flow.yaml'), `event: { title: T }\nextra: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n${DAYS}`);
    writeFileSync(path.join(dir, 'deep-unclosed.yaml'), `event: { title: T }\nextra: ${'['.repeat(100_000)}\n`);
    for (const f of ['deep-seq.yaml', 'deep-flow.yaml', 'deep-unclosed.yaml']) {
      const { report } = await checkFile(f, dir);
      expect(firstError(report)?.rule, f).toBe('syntax/yaml');
    }
  });

  it('a 1 MB line: the column of a mistake at its end is exact', async () => {
    const dir = tempDir('long-line');
    const title = 'é'.repeat(1_000_000);
    const head = `event: { title: "${title}", `;
    writeFileSync(path.join(dir, 'long.yaml'), `${head}titel: Oups }\n${DAYS}`);
    const { report } = await checkFile('long.yaml', dir);
    expectFirstError(report, { rule: 'schema/invalid', line: 1, column: head.length + 1, message: '« titel »' });
  });

  it('200,000 comment lines before a mistake: the line number is exact', async () => {
    const dir = tempDir('many-lines');
    writeFileSync(
      path.join(dir, 'many.yaml'),
      `${'# commentaire\n'.repeat(200_000)}event: { title: Séminaire }\ndays:\n  - date: 2012-02-30\n    sessions: []\n`,
    );
    const { report } = await checkFile('many.yaml', dir);
    expectFirstError(report, { rule: 'schema/invalid', line: 200_003, column: 11, message: '2012-02-30' });
  });

  it('a symbolic link in `minutes:` that leaves the project is ref/outside-project', async () => {
    const root = tempDir('symlink');
    const project = path.join(root, 'project');
    const outside = path.join(root, 'outside');
    mkdirSync(path.join(project, 'minutes'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.md'), '---\ntitle: Secret\ndate: 2016-05-19\n---\n\nNe pas lire.\n');
    writeFileSync(path.join(outside, 'event.yaml'), `event: { title: Ailleurs }\n${DAYS}`);
    writeFileSync(path.join(project, 'event.yaml'), `event: { title: Séminaire }\nminutes: [minutes/*.md]\n${DAYS}`);
    symlinkSync(path.join(outside, 'secret.md'), path.join(project, 'minutes', 'cr.md'));
    const { report } = await checkFile('event.yaml', project);
    expectFirstError(report, { rule: 'ref/outside-project', line: 2, column: 11 });
    expect(report.diagnostics.some((d) => d.file.includes('secret'))).toBe(false);

    // minutes whose `event:` is a link to a file outside the project
    writeFileSync(path.join(project, 'cr-lien.md'), '---\ntitle: Compte rendu\ndate: 2016-05-19\nevent: lien.yaml\n---\n');
    symlinkSync(path.join(outside, 'event.yaml'), path.join(project, 'lien.yaml'));
    const linked = await checkFile('cr-lien.md', project);
    expectFirstError(linked.report, { rule: 'ref/outside-project', line: 4, column: 8 });
  });

  it('a symbolic link loop in `minutes:` is a diagnostic, not a hang', async () => {
    const project = tempDir('loop');
    mkdirSync(path.join(project, 'minutes'));
    symlinkSync('boucle.md', path.join(project, 'minutes', 'boucle.md'));
    writeFileSync(path.join(project, 'event.yaml'), `event: { title: Séminaire }\nminutes: [minutes/boucle.md]\n${DAYS}`);
    const { report } = await checkFile('event.yaml', project);
    expect(firstError(report)?.line).toBe(2);
  });

  it('the valid examples with a UTF-8 BOM, or with CRLF line endings, report exactly the same', async () => {
    const dir = tempDir('examples');
    cpSync(path.join(repo, 'examples'), dir, { recursive: true });
    const cases = ['universites-automne/event.yaml', 'seminaire-2012/event.yaml', 'reunion-sud-est-2016/minutes/compte-rendu.md'];
    for (const rel of cases) {
      const file = path.join(dir, rel);
      const text = readFileSync(file, 'utf8');
      const plain = await checkFile(rel, dir, [0, 1]);
      writeFileSync(file, `\uFEFF${text}`);
      const bom = await checkFile(rel, dir, [plain.code]);
      expect(sameOrder(bom.report), `${rel} with BOM`).toEqual(sameOrder(plain.report));
      writeFileSync(file, text.replace(/\n/g, '\r\n'));
      const crlf = await checkFile(rel, dir, [plain.code]);
      expect(sameOrder(crlf.report), `${rel} with CRLF`).toEqual(sameOrder(plain.report));
      writeFileSync(file, text);
    }
  });

  // Was a BUG: 500 people with the same name (a placeholder like "À CONFIRMER", a 12 KB file)
  // crashed the CLI ("Maximum call stack size exceeded", exit 2): people/near-duplicate
  // reported every pair (124,750 warnings) and they were appended with push(...spread).
  it('500 people named "À CONFIRMER" give a bounded report, no crash', async () => {
    const dir = tempDir('same-name');
    writeChunks(path.join(dir, 'event.yaml'), 'event: { title: Séminaire }\npeople:\n', 500, (i) => `  p${i}: { name: À CONFIRMER }\n`, DAYS);
    const { report } = await checkFile('event.yaml', dir, [0]);
    expect(report.diagnostics.length).toBeGreaterThan(0);
    expect(report.diagnostics.length).toBeLessThan(1000);
  });
});

/** A name far (in edit distance) from every other: ten letters from i, then ten from i + 10^7. */
function distinctName(i: number): string {
  const letters = (n: number) => {
    let x = Math.imul(n, 2654435761) >>> 0;
    let s = '';
    for (let k = 0; k < 10; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      s += String.fromCharCode(97 + ((x >>> 16) % 26));
    }
    return s;
  };
  const given = letters(i);
  return `${given[0].toUpperCase()}${given.slice(1)} ${letters(i + 10_000_000).toUpperCase()}`;
}

// ---------------------------------------------------------------------------------------
// build

describe('build on bad input', () => {
  const cases = [
    'yaml-unclosed-quote.yaml',
    'duplicate-key-event.yaml',
    'time-25h70.yaml',
    'ref-unknown-speaker.yaml',
    'encoding-latin1.yaml',
    'binary-nul.yaml',
    'alias-bomb-maps.yaml',
    'empty.yaml',
    'minutes-unknown-owner.md',
    'minutes-event-outside.md',
    'event-minutes-outside.yaml',
  ];
  for (const name of cases) {
    it(`build ${name}: exit 1, nothing written`, async () => {
      const out = path.join(tempDir('build'), 'out');
      const before = snapshot(badDir);
      const r = await run(['build', name, '-o', out], badDir);
      expect(r.stdout + r.stderr).not.toMatch(STACK);
      expect(r.code, r.stderr).toBe(1);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
      expect(snapshot(badDir)).toEqual(before);
      expect(existsSync(path.join(badDir, 'out'))).toBe(false);
    });
  }
});

describe('no prototype pollution', () => {
  it('Object.prototype is untouched after the corpus ran', async () => {
    await run(['check', '--format', 'json', 'ref-proto-id.yaml'], badDir);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });
});
