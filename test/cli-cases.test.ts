/**
 * The command line as a table of cases, each run twice — in-process through main() and as a
 * subprocess through bin/coop.js (the bundle) — with the same exit status, stdout and stderr
 * expected from both (markdownlint-cli2's test layout). In-process runs are fast and see
 * coverage; the subprocess proves the installed command behaves the same. The subprocess half
 * is skipped when dist/ has not been built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');
const built = existsSync(path.join(repo, 'dist', 'cli-bundle', 'main.js'));

interface Case {
  name: string;
  /** `{out}` is replaced by a fresh temporary folder. */
  args: string[];
  code: number;
  stdout?: RegExp | string;
  stderr?: RegExp | string;
  /** The files the command writes into {out}. */
  writes?: string[];
}

const cases: Case[] = [
  { name: 'check, a clean file', args: ['check', 'test/fixtures/clean/event.yaml'], code: 0, stdout: '✔ 0 erreur, 0 avertissement, 0 info\n', stderr: '' },
  {
    name: 'check, errors, in English',
    args: ['check', '--lang', 'en', 'test/fixtures/item-overlap/event.yaml'],
    code: 1,
    stdout: /test\/fixtures\/item-overlap\/event\.yaml:10:37 {2}error {2}.*schedule\/item-overlap\n[\s\S]*✖ \d+ errors?, 0 warnings, 0 infos\n$/,
    stderr: '',
  },
  {
    name: 'check --format json',
    args: ['check', '--format', 'json', 'test/fixtures/session-overlap/event.yaml'],
    code: 1,
    stdout: /^\{\n {2}"diagnostics": \[[\s\S]*"errors": 2/,
    stderr: '',
  },
  { name: 'model', args: ['model', 'test/fixtures/clean/event.yaml'], code: 0, stdout: /^\{\n {2}"kind": "event",/, stderr: '' },
  {
    name: 'build --only with a glob',
    args: ['build', 'test/fixtures/clean/event.yaml', '-o', '{out}', '--only', 'schedule.*'],
    code: 0,
    stdout: /^écrit : .*schedule\.json\nécrit : .*schedule\.xml\n$/,
    stderr: '',
    writes: ['schedule.json', 'schedule.xml'],
  },
  {
    name: 'build --only repeated: each adds its outputs',
    args: ['build', 'test/fixtures/clean/event.yaml', '-o', '{out}', '--only', 'schedule.json', '--only', 'event.ics'],
    code: 0,
    stdout: /^écrit : .*event\.ics\nécrit : .*schedule\.json\n$/,
    stderr: '',
    writes: ['event.ics', 'schedule.json'],
  },
  {
    name: 'usage error, French',
    args: ['check', 'nowhere.yaml'],
    code: 2,
    stdout: '',
    stderr: 'coop: impossible de lire « nowhere.yaml » : ce fichier n’existe pas.\n',
  },
  {
    name: 'usage error, English',
    args: ['check', '--lang', 'en', 'nowhere.yaml'],
    code: 2,
    stdout: '',
    stderr: 'coop: cannot read "nowhere.yaml": no such file.\n',
  },
];

const expand = (args: string[], out: string) => args.map((a) => a.replace('{out}', out));
const tempOut = () => mkdtempSync(path.join(tmpdir(), 'coop-case-'));

function expectCase(c: Case, r: { code: number | null; stdout: string; stderr: string }, out: string): void {
  expect(r.code, r.stderr).toBe(c.code);
  for (const [stream, want] of [
    ['stdout', c.stdout],
    ['stderr', c.stderr],
  ] as const) {
    if (want === undefined) continue;
    if (typeof want === 'string') expect(r[stream], stream).toBe(want);
    else expect(r[stream], stream).toMatch(want);
  }
  if (c.writes) expect(readdirSync(out).sort()).toEqual(c.writes);
}

describe('the command line, case by case', () => {
  describe.each(cases)('$name', (c) => {
    it('in-process (main)', async () => {
      const out = tempOut();
      expectCase(c, await run(expand(c.args, out), repo, { NO_COLOR: '1' }), out);
    });

    it.skipIf(!built)('as a subprocess (bin/coop.js)', () => {
      const out = tempOut();
      const r = spawnSync(process.execPath, [path.join(repo, 'bin', 'coop.js'), ...expand(c.args, out)], {
        cwd: repo,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, NO_COLOR: '1' },
      });
      expectCase(c, { code: r.status, stdout: r.stdout, stderr: r.stderr }, out);
    });
  });
});
