import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, check, load } from '../src/index.js';

const repo = path.join(import.meta.dirname, '..');

describe('library API', () => {
  it('load gives the model of an event or of minutes', async () => {
    const ev = await load('examples/universites-automne/event.yaml', { cwd: repo });
    expect(ev.kind).toBe('event');
    expect(ev.kind === 'event' && ev.model?.days).toHaveLength(2);
    const min = await load('examples/reunion-sud-est-2016/minutes/compte-rendu.md', { cwd: repo });
    expect(min.kind === 'minutes' && min.model?.actions).toHaveLength(5);
  });

  it('check gives the diagnostics and ok', async () => {
    const seed = await check('examples/seminaire-2012/event.yaml', { cwd: repo, lang: 'en' });
    expect(seed.ok).toBe(false);
    expect(seed.diagnostics.find((d) => d.severity === 'error')?.message).toMatch(/overlaps session II/);
    const clean = await check(['examples/universites-automne/event.yaml'], { cwd: repo });
    expect(clean.ok).toBe(true);
  });

  it('build writes the documents', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'coop-api-'));
    const r = await build('examples/universites-automne/event.yaml', { cwd: repo, outDir: out, only: ['programme.html', 'event.ics'] });
    expect(r.ok).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['event.ics', 'programme.html']);
  });
});
