/**
 * `coop build --only`: a build renders what is asked and nothing else (issue #21: the bench's
 * `--only programme.pdf` laid out the event's minutes too, then dropped them). The check of the
 * whole project still runs (a build refuses on any error).
 */
import path from 'node:path';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../src/build.js';

const repo = path.join(import.meta.dirname, '..');
const event = path.join(repo, 'examples', 'reunion-sud-est-2016', 'event.yaml');

async function build(only: string[]): Promise<{ files: string[]; started: string[] }> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'coop-only-'));
  const started = new Set<string>();
  const r = await buildProject([{ abs: event, display: 'event.yaml' }], { outDir, only, jobs: 1, cwd: repo, progress: (p) => started.add(p.output) });
  expect(r.ok).toBe(true);
  return { files: readdirSync(outDir).sort(), started: [...started].sort() };
}

describe('build --only', () => {
  it('does not lay out a minutes file none of whose outputs is asked for', async () => {
    // The event lists minutes/compte-rendu.md: programme.pdf alone starts nothing else.
    expect(await build(['programme.pdf'])).toEqual({ files: ['programme.pdf'], started: ['programme.pdf'] });
  });

  it('still renders the minutes when one of their outputs is asked for', async () => {
    expect(await build(['programme.pdf', 'compte-rendu.pdf'])).toEqual({
      files: ['compte-rendu.pdf', 'programme.pdf'],
      started: ['compte-rendu.html', 'compte-rendu.pdf', 'programme.pdf'],
    });
  });
});
