import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { eventOutputs } from '../src/build.js';
import { Capture } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');

async function until(check: () => boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('build --watch rebuilds on change, re-rendering only the document that changed', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-watch-'));
  cpSync(path.join(repo, 'examples', 'reunion-sud-est-2016'), path.join(dir, 'p'), { recursive: true });
  const stdout = new Capture();
  const stderr = new Capture();
  const controller = new AbortController();
  const done = main({ argv: ['build', '--watch', 'p/event.yaml', '-o', 'out', '--lang', 'en'], stdout, stderr, cwd: dir, env: {}, signal: controller.signal });
  await until(() => stdout.text.includes('watching for changes'));
  expect(stdout.text).toContain('wrote out/compte-rendu.pdf');
  const minutes = path.join(dir, 'p', 'minutes', 'compte-rendu.md');
  writeFileSync(minutes, readFileSync(minutes, 'utf8').replace('# Contexte', '# Contexte du jour'));
  await until(() => stdout.text.includes(`(${eventOutputs.length} outputs unchanged, not re-rendered)`));
  expect(stdout.text).toMatch(/compte-rendu\.md changed, rebuilding/);
  // The rebuild writes only the documents it re-rendered.
  const rebuild = stdout.text.slice(stdout.text.indexOf('changed, rebuilding'));
  expect(rebuild.match(/^wrote /gm)).toHaveLength(3); // NAME.html, NAME.pdf, NAME.docx
  expect(rebuild).toContain('wrote out/compte-rendu.pdf');
  expect(readFileSync(path.join(dir, 'out', 'compte-rendu.html'), 'utf8')).toContain('Contexte du jour');
  controller.abort();
  expect(await done).toBe(0);
}, 30000);
