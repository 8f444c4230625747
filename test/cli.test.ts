import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import { eventOutputs } from '../src/build.js';
import { HEAP_GROWING_PERCENT, LARGE_BUILD_BYTES } from '../src/cli/build.js';
import { fixturesRoot, run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');
const fixture = (name: string) => path.join(fixturesRoot, name, 'event.yaml');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'coop-cli-'));

describe('coop CLI', () => {
  it('prints help and version with exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('check');
    expect(help.stdout).toContain('build');
    expect(help.stdout).toContain('Exit status');
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version);
  });

  it('exits 2 on usage mistakes', async () => {
    expect((await run([])).code).toBe(2);
    const unknown = await run(['check', '--frobnicate', fixture('clean')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option');
    const missing = await run(['check', 'no/such/event.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('coop: impossible de lire « no/such/event.yaml » : ce fichier n’existe pas.\n');
    const missingEn = await run(['check', '--lang', 'en', 'no/such/event.yaml']);
    expect(missingEn.stderr).toBe('coop: cannot read "no/such/event.yaml": no such file.\n');
    expect((await run(['check', '--format', 'xml', fixture('clean')])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it('check: exit 0 on a clean file, 1 with errors, with file:line:col and a caret', async () => {
    const clean = await run(['check', fixture('clean')], repo);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('✔ 0 erreur, 0 avertissement, 0 info\n');
    expect((await run(['check', '--lang', 'en', fixture('clean')], repo)).stdout).toBe('✔ 0 errors, 0 warnings, 0 infos\n');
    const bad = await run(['check', 'test/fixtures/item-overlap/event.yaml'], repo);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('test/fixtures/item-overlap/event.yaml:10:37');
    expect(bad.stdout).toContain('schedule/item-overlap');
    expect(bad.stdout).toMatch(/\n\s+\| {37}\^+/); // "| " then 36 spaces: column 37
    expect(bad.stdout).not.toContain('\u001b['); // not a TTY: no colours
  });

  it('check: colours only on a TTY, never with NO_COLOR', async () => {
    const { Capture } = await import('./helpers.js');
    const { main } = await import('../src/cli/main.js');
    const out = new Capture();
    out.isTTY = true;
    await main({ argv: ['check', fixture('item-overlap')], stdout: out, stderr: new Capture(), env: {} });
    expect(out.text).toContain('\u001b[');
    const plain = new Capture();
    plain.isTTY = true;
    await main({ argv: ['check', fixture('item-overlap')], stdout: plain, stderr: new Capture(), env: { NO_COLOR: '1' } });
    expect(plain.text).not.toContain('\u001b[');
  });

  it('check --format json prints the FORMAT.md §3 document', async () => {
    const r = await run(['check', '--format', 'json', 'test/fixtures/session-overlap/event.yaml'], repo);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toEqual({ errors: 2, warnings: 0, infos: 0 });
    expect(doc.diagnostics[0]).toMatchObject({
      file: 'test/fixtures/session-overlap/event.yaml',
      line: 9,
      column: 53,
      severity: 'error',
      rule: 'schedule/session-overlap',
    });
    for (const d of doc.diagnostics) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message']));
      expect(d.cause).toMatchObject({ file: d.file });
    }
  });

  it('check reports syntax errors without a stack trace', async () => {
    for (const name of ['syntax-yaml', 'syntax-alias-bomb', 'syntax-duplicate-key']) {
      const r = await run(['check', fixture(name)]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('syntax/yaml');
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('check says when a file is not UTF-8', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from('event: { title: "S\xe9minaire" }\n', 'latin1'));
    const r = await run(['check', 'latin1.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('UTF-8');
    expect(r.stdout).toContain('Latin-1');
    expect(r.stdout).toContain('syntax/encoding');
  });

  it('model prints the normalised model with computed times', async () => {
    const r = await run(['model', fixture('computed-times')]);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout);
    expect(model.kind).toBe('event');
    expect(model.days[0].sessions[0].items[0]).toMatchObject({ start: '09:30', end: '09:50', kind: 'talk' });
    // A schedule error still prints the model (to see the computed times), exit 1, errors on stderr.
    const overlap = await run(['model', fixture('item-overlap')]);
    expect(overlap.code).toBe(1);
    expect(JSON.parse(overlap.stdout).kind).toBe('event');
    expect(overlap.stderr).toContain('schedule/item-overlap');
    // An input that cannot be read gives no model.
    const broken = await run(['model', fixture('syntax-yaml')]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
  });

  it('build writes nothing when the input has errors, and exit 1', async () => {
    const dir = tmp();
    const r = await run(['build', fixture('session-overlap'), '-o', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('coop: rien n’a été écrit : corrigez les erreurs ci-dessus');
    expect(r.stderr).toContain('✖ 2 erreurs, 0 avertissement, 0 info');
    expect(readdirSync(dir)).toEqual([]);
    const en = await run(['build', fixture('session-overlap'), '-o', dir, '--lang', 'en']);
    expect(en.stderr).toContain('coop: nothing written: fix the errors above');
    expect(en.stderr).toContain('✖ 2 errors, 0 warnings, 0 infos');
  });

  it('build --draft renders anyway (exit 1 still tells CI the input is wrong)', async () => {
    const dir = tmp();
    const r = await run(['build', '--draft', fixture('session-overlap'), '-o', dir]);
    expect(r.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([...eventOutputs].sort());
    expect(readFileSync(path.join(dir, 'programme.html'), 'utf8')).toContain('PROJET');
  });

  it('build of a clean event writes the programme, and leaves no temporary file', async () => {
    const dir = tmp();
    const out = path.join(dir, 'nested', 'out');
    const r = await run(['build', fixture('clean'), '-o', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...eventOutputs].sort());
    expect(r.stdout).toContain('programme.pdf');
  });

  it('build defaults to ./out in the current folder', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'ev'));
    writeFileSync(path.join(dir, 'ev', 'event.yaml'), readFileSync(fixture('clean')));
    const r = await run(['build', 'ev/event.yaml'], dir);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'out', 'programme.pdf'))).toBe(true);
  });
});

describe('severities and languages', () => {
  it('--strict turns warnings into errors', async () => {
    const plain = await run(['check', '--format', 'json', fixture('slot-too-short')]);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).summary).toEqual({ errors: 0, warnings: 2, infos: 0 });
    const strict = await run(['check', '--strict', '--format', 'json', fixture('slot-too-short')]);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).summary).toEqual({ errors: 2, warnings: 0, infos: 0 });
  });

  it('the event file may change a rule’s level or turn it off', async () => {
    const r = await run(['check', '--format', 'json', fixture('checks-config')]);
    const diags = JSON.parse(r.stdout).diagnostics as Array<{ rule: string; severity: string }>;
    expect(diags.find((d) => d.rule === 'schedule/slot-too-short')?.severity).toBe('error');
    expect(diags.find((d) => d.rule === 'people/unconfirmed')?.severity).toBe('warning');
    expect(diags.some((d) => d.rule === 'schedule/gap')).toBe(false);
  });

  it('messages follow the event locale, and --lang overrides it', async () => {
    const fr = await run(['check', fixture('item-overlap')]);
    expect(fr.stdout).toContain('chevauche');
    const en = await run(['check', '--lang', 'en', fixture('item-overlap')]);
    expect(en.stdout).toContain('overlaps item "Premier"');
    const eventEn = await run(['check', fixture('locale-en')]);
    expect(eventEn.stdout).toContain('overlaps item "First"');
    const forcedFr = await run(['check', '--lang', 'fr', fixture('locale-en')]);
    expect(forcedFr.stdout).toContain('chevauche');
    expect((await run(['check', '--lang', 'de', fixture('clean')])).code).toBe(2);
  });
});

describe('build options', () => {
  it('keeps the heaps of a large build close to what they hold (V8 grows a heap by at most 50 % between collections), not a small one’s', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    try {
      const small = await run(['build', fixture('clean'), '-o', tmp(), '--only', 'event.ics']);
      expect(small.code).toBe(0);
      expect(flags).not.toHaveBeenCalled();
      // The same event past LARGE_BUILD_BYTES (a long comment: the size counts, not the items).
      const dir = tmp();
      const large = path.join(dir, 'event.yaml');
      const line = `# ${'x'.repeat(98)}\n`;
      writeFileSync(large, readFileSync(fixture('clean'), 'utf8') + line.repeat(Math.ceil(LARGE_BUILD_BYTES / line.length)));
      const r = await run(['build', large, '-o', path.join(dir, 'out'), '--only', 'event.ics']);
      expect(r.code).toBe(0);
      expect(HEAP_GROWING_PERCENT).toBe(50);
      expect(flags).toHaveBeenCalledWith('--heap-growing-percent=50');
    } finally {
      flags.mockRestore();
    }
  });

  it('--only renders just the named outputs', async () => {
    const dir = tmp();
    const r = await run(['build', fixture('clean'), '-o', dir, '--only', 'programme.html']);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['programme.html']);
    const bad = await run(['build', fixture('clean'), '-o', dir, '--only', 'programme.odt']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('sortie inconnue « programme.odt »');
    const badEn = await run(['build', fixture('clean'), '-o', dir, '--only', 'programme.odt', '--lang', 'en']);
    expect(badEn.stderr).toContain('unknown output "programme.odt"');
  });

  it('shows errors and warnings, and only counts infos', async () => {
    const dir = tmp();
    const r = await run(['build', 'examples/universites-automne/event.yaml', '-o', dir], repo);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('coop: 1 info (`coop check` les liste)\n');
    expect(r.stdout).toMatch(/^écrit : .*programme\.html$/m);
    const en = await run(['build', 'examples/universites-automne/event.yaml', '-o', dir, '--lang', 'en'], repo);
    expect(en.stderr).toBe('coop: 1 info (run `coop check` to list them)\n');
    expect(en.stdout).toMatch(/^wrote .*programme\.html$/m);
  });

  it('-q: the summary line still counts the infos coop check lists', async () => {
    const dir = tmp();
    const file = 'test/fixtures/unused/event.yaml';
    const checked = await run(['check', '--format', 'json', file], repo);
    const { infos, warnings } = JSON.parse(checked.stdout).summary as { infos: number; warnings: number };
    expect(infos).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(0); // else a build prints no summary line at all
    const r = await run(['build', '-q', '--only', 'event.ics', file, '-o', dir], repo);
    expect(r.stderr).toContain(`, ${infos} info${infos < 2 ? '' : 's'}\n`);
    expect(r.stderr).not.toMatch(/ {2}info {2}/); // counted, not listed
    expect(r.stdout).toBe('');
  });

  it('--only takes globs: programme.*, grille.*, *.pdf, {a,b}.html', async () => {
    const file = 'examples/universites-automne/event.yaml';
    const built = async (only: string) => {
      const dir = tmp();
      const r = await run(['build', file, '-o', dir, '--only', only], repo);
      expect(r.code, r.stderr).toBe(0);
      return readdirSync(dir).sort();
    };
    expect(await built('programme.*')).toEqual(['programme.docx', 'programme.html', 'programme.pdf']);
    expect(await built('grille.*')).toEqual(['grille.html', 'grille.pdf']);
    expect(await built('{programme,grille}.html,event.ics')).toEqual(['event.ics', 'grille.html', 'programme.html']);
    expect(await built('*.csv')).toEqual(['participants.csv']);
    const none = await run(['build', file, '-o', tmp(), '--only', 'programe.*'], repo);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('coop: rien n’a été écrit : --only programe.* ne nomme aucune sortie de ce fichier.\n');
  });
});

describe('reproducible builds', () => {
  it('two builds of the same input are byte-identical, every output', async () => {
    const a = tmp();
    const b = tmp();
    expect((await run(['build', 'examples/reunion-sud-est-2016/event.yaml', '-o', a], repo)).code).toBe(0);
    expect((await run(['build', 'examples/reunion-sud-est-2016/event.yaml', '-o', b], repo)).code).toBe(0);
    const files = readdirSync(a).sort();
    expect(files.length).toBeGreaterThan(10);
    expect(readdirSync(b).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))), f).toBe(true);
  });
});
