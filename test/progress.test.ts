import path from 'node:path';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../src/cli/progress.js';
import { Capture, run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');

function io(tty: boolean, env: NodeJS.ProcessEnv = {}) {
  const stderr = new Capture();
  stderr.isTTY = tty;
  return { io: { stdout: new Capture(), stderr, cwd: repo, env }, stderr };
}

describe('build progress', () => {
  it('shows one line on a terminal once a build has taken a second, and erases it at the end', () => {
    let t = 0;
    const { io: i, stderr } = io(true);
    const line = progressLine(i, false, () => t);
    line.progress({ output: 'programme.pdf', page: 1 });
    expect(stderr.text).toBe(''); // under a second: nothing
    t = 1500;
    line.progress({ output: 'emargement.pdf', page: 120 });
    expect(stderr.text).toContain('coop: emargement.pdf, page 120…');
    t = 1550;
    line.progress({ output: 'emargement.pdf', page: 121 }); // throttled
    expect(stderr.text).not.toContain('page 121');
    t = 1700;
    line.progress({ output: 'emargement.pdf', page: 140 });
    expect(stderr.text).toContain('page 140');
    t = 1720;
    line.progress({ output: 'programme.pdf', page: 2 }); // another thread's page, 20 ms later: throttled too
    expect(stderr.text).not.toContain('programme.pdf');
    line.done();
    expect(stderr.text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('never writes a line wider than the terminal', () => {
    let t = 0;
    const { io: i, stderr } = io(true);
    (stderr as unknown as { columns: number }).columns = 20;
    const line = progressLine(i, false, () => t);
    t = 2000;
    line.progress({ output: 'un-compte-rendu-au-nom-tres-long.pdf', page: 12 });
    const shown = stderr.text.replace('\r\x1b[2K', '');
    expect(shown.length).toBeLessThan(20);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('stays quiet off a terminal, in CI and with --quiet', () => {
    for (const [tty, env, quiet] of [
      [false, {}, false],
      [true, { CI: 'true' }, false],
      [true, {}, true],
    ] as const) {
      let t = 0;
      const { io: i, stderr } = io(tty, env);
      const line = progressLine(i, quiet, () => t);
      t = 5000;
      line.progress({ output: 'programme.pdf', page: 3 });
      line.done();
      expect(stderr.text).toBe('');
    }
  });

  it('coop build --quiet prints only warnings and errors', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'coop-quiet-'));
    const clean = await run(['build', 'test/fixtures/clean/event.yaml', '-o', out, '--quiet', '--only', 'programme.html'], repo);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('');
    expect(clean.stderr).toBe('');
    expect(readdirSync(out)).toEqual(['programme.html']);
    const warned = await run(['build', 'examples/seminaire-2012/event.yaml', '-o', out, '-q', '--draft', '--only', 'event.ics'], repo);
    expect(warned.stdout).toBe('');
    expect(warned.stderr).toContain('people/near-duplicate');
  });
});
