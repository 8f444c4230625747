/**
 * The installed command as a user runs it: bin/coop.js over the esbuild bundle that `npm ci`
 * builds (prepare). Skipped only when dist/ has not been built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventOutputs } from '../src/build.js';

const repo = path.join(import.meta.dirname, '..');
const built = existsSync(path.join(repo, 'dist', 'cli-bundle', 'main.js'));
const coop = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(repo, 'bin', 'coop.js'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe.skipIf(!built)('bin/coop.js (the bundle)', () => {
  it('prints its version and help', () => {
    const v = coop('--version');
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(coop('--help').stdout).toContain('build');
  });

  it('checks the seed example (exit 1) and builds the clean one (exit 0)', () => {
    const c = coop('check', 'examples/seminaire-2012/event.yaml');
    expect(c.status).toBe(1);
    expect(c.stdout).toContain('schedule/session-overlap');
    const out = mkdtempSync(path.join(tmpdir(), 'coop-bin-'));
    const b = coop('build', 'examples/universites-automne/event.yaml', '-o', out);
    expect(b.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...eventOutputs].sort());
  });

  it('exits 2 on a usage mistake, without a stack trace', () => {
    const r = coop('check', 'nowhere.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
