/**
 * Several events in one build (FORMAT.md §5.4): each event's documents in `out/<name>/`,
 * collisions refused before anything is written, and `coop check` of many events as one report.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventOutputs } from '../src/build.js';
import { run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'coop-multi-'));

/** A project folder holding copies of the examples, as a network keeps one folder per event. */
function project(events: Record<string, string>): string {
  const dir = tmp();
  for (const [to, example] of Object.entries(events)) cpSync(path.join(repo, 'examples', example), path.join(dir, to), { recursive: true });
  return dir;
}

describe('coop build of several events', () => {
  it('writes each event into out/<folder name>/, its minutes with it', async () => {
    const dir = project({ 'sud-est': 'reunion-sud-est-2016', universites: 'universites-automne', internationale: 'cooperation-internationale' });
    // HTML and the exports only: the PDFs are the same documents, tested elsewhere, and slower.
    const r = await run(
      ['build', 'sud-est/event.yaml', 'universites/event.yaml', 'internationale/event.yaml', '-o', 'out', '--only', '*.html,event.ics,schedule.json'],
      dir,
    );
    expect(r.stderr).toContain('0 erreur,');
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['internationale', 'sud-est', 'universites']);
    const all = eventOutputs.filter((o) => o.endsWith('.html') || o === 'event.ics' || o === 'schedule.json').sort();
    expect(readdirSync(path.join(dir, 'out', 'universites')).sort()).toEqual(all);
    expect(readdirSync(path.join(dir, 'out', 'internationale')).sort()).toEqual(all);
    // The minutes an event lists go with it.
    expect(readdirSync(path.join(dir, 'out', 'sud-est')).sort()).toEqual([...all, 'compte-rendu.html'].sort());
    // Each folder holds its own event's documents, not another's.
    const title = (f: string) => /<title>([^<]*)<\/title>/.exec(readFileSync(path.join(dir, 'out', f, 'programme.html'), 'utf8'))?.[1];
    for (const f of ['sud-est', 'universites', 'internationale']) {
      const own = /title: "?([^"\n]+)"?/.exec(readFileSync(path.join(dir, f, 'event.yaml'), 'utf8'))![1].slice(0, 20);
      expect(
        title(f)
          ?.replace(/\u00a0/g, ' ')
          .replace(/’/g, "'"),
      ).toContain(own.replace(/’/g, "'"));
    }
    expect(r.stdout).toContain('écrit : out/sud-est/compte-rendu.html');
    expect(r.stdout).toContain('écrit : out/universites/programme.html');
  });

  it('names the folders after the files when two events share a folder; one event stays flat', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'reseau'));
    const seminar = readFileSync(path.join(repo, 'test', 'fixtures', 'clean', 'event.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'reseau', 'seminaire-mars.yaml'), seminar);
    writeFileSync(path.join(dir, 'reseau', 'atelier-juin.yml'), seminar);
    const r = await run(['build', 'reseau/seminaire-mars.yaml', 'reseau/atelier-juin.yml', '-o', 'out', '--only', 'programme.html,event.ics'], dir);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['atelier-juin', 'seminaire-mars']);
    expect(readdirSync(path.join(dir, 'out', 'atelier-juin')).sort()).toEqual(['event.ics', 'programme.html']);
    // The same event twice on the command line is one event: flat.
    const once = await run(['build', 'reseau/seminaire-mars.yaml', './reseau/seminaire-mars.yaml', '-o', 'flat', '--only', 'programme.html'], dir);
    expect(once.code).toBe(0);
    expect(readdirSync(path.join(dir, 'flat'))).toEqual(['programme.html']);
  });

  it('refuses two events that would write to the same folder, before writing anything (exit 2)', async () => {
    const dir = project({ 'lyon-2016/lyon': 'universites-automne', 'lyon-2017/Lyon': 'universites-automne' });
    const r = await run(['build', 'lyon-2016/lyon/event.yaml', 'lyon-2017/Lyon/event.yaml', '-o', 'out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"lyon-2016/lyon/event.yaml" and "lyon-2017/Lyon/event.yaml" would both write their documents to the folder "lyon/"');
    expect(r.stderr).not.toMatch(/internal error|bug in coop|\n\s+at /);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    // Renaming a folder, as the message says, makes it build.
    cpSync(path.join(dir, 'lyon-2017', 'Lyon'), path.join(dir, 'lyon-2017', 'lyon-2017'), { recursive: true });
    const fixed = await run(['build', 'lyon-2016/lyon/event.yaml', 'lyon-2017/lyon-2017/event.yaml', '-o', 'out', '--only', 'event.ics'], dir);
    expect(fixed.code).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['lyon', 'lyon-2017']);
  });

  it('a build with an error in one event writes nothing for any of them', async () => {
    const dir = project({ a: 'universites-automne' });
    mkdirSync(path.join(dir, 'b'));
    cpSync(path.join(repo, 'test', 'fixtures', 'session-overlap', 'event.yaml'), path.join(dir, 'b', 'event.yaml'));
    const r = await run(['build', 'a/event.yaml', 'b/event.yaml', '-o', 'out'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('b/event.yaml:9:53');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('coop check of several events', () => {
  const files = ['examples/seminaire-2012/event.yaml', 'examples/reunion-sud-est-2016/event.yaml', 'test/fixtures/clean/event.yaml'];

  it('prints one report with one summary', async () => {
    const r = await run(['check', ...files], repo);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/\d+ erreurs?, \d+ avertissements?, \d+ infos?/g)).toHaveLength(1);
    expect(r.stdout).toContain('examples/seminaire-2012/event.yaml:');
    expect(r.stdout).toContain('examples/reunion-sud-est-2016/event.yaml:');
  });

  it('--format json, sarif and github stay one document', async () => {
    const json = JSON.parse((await run(['check', '--format', 'json', ...files], repo)).stdout);
    expect(new Set(json.diagnostics.map((d: { file: string }) => d.file))).toEqual(new Set(files.slice(0, 2)));
    expect(json.summary.errors + json.summary.warnings + json.summary.infos).toBe(json.diagnostics.length);
    const sarif = JSON.parse((await run(['check', '--format', 'sarif', ...files], repo)).stdout);
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].results.length).toBe(json.diagnostics.length);
    const github = (await run(['check', '--format', 'github', ...files], repo)).stdout.trim().split('\n');
    expect(github.filter((l) => l.startsWith('coop: '))).toHaveLength(1);
    expect(github.filter((l) => l.startsWith('::'))).toHaveLength(json.diagnostics.length);
  });
});

describe('coop check --max-warnings', () => {
  const file = 'examples/reunion-sud-est-2016/event.yaml'; // three people/invalid-email warnings, no error

  it('fails past N warnings, as eslint does, and says so on stderr', async () => {
    expect((await run(['check', file, '--max-warnings', '3'], repo)).code).toBe(0);
    const over = await run(['check', file, '--max-warnings', '2', '--format', 'json'], repo);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('coop: 3 avertissements, plus que les 2 permis par --max-warnings.\n');
    const en = await run(['check', file, '--max-warnings', '2', '--lang', 'en'], repo);
    expect(en.stderr).toBe('coop: 3 warnings, more than --max-warnings 2 allows.\n');
    expect(JSON.parse(over.stdout).summary.warnings).toBe(3); // stdout stays one JSON document
    expect((await run(['check', file, '--max-warnings', '0'], repo)).code).toBe(1);
    expect((await run(['check', file], repo)).code).toBe(0);
  });

  it('refuses a value that is not a whole number (exit 2)', async () => {
    for (const v of ['-1', 'many', '2.5', '']) {
      const r = await run(['check', file, '--max-warnings', v], repo);
      expect(r.code, v).toBe(2);
      expect(r.stderr).toContain('expected a whole number');
    }
  });
});
