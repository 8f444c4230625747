import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { buildProject, eventOutputs } from '../src/build.js';
import { Capture } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');

async function until(check: () => boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `coop build --watch p/event.yaml -o out` on a copy of an example, once its first build is done. */
async function watching(example: string, ms?: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-watch-'));
  cpSync(path.join(repo, 'examples', example), path.join(dir, 'p'), { recursive: true });
  const stdout = new Capture();
  const controller = new AbortController();
  const done = main({
    argv: ['build', '--watch', 'p/event.yaml', '-o', 'out', '--lang', 'en'],
    stdout,
    stderr: new Capture(),
    cwd: dir,
    env: {},
    signal: controller.signal,
  });
  await until(() => stdout.text.includes('watching for changes'), ms);
  return { dir, stdout, controller, done };
}

it('build --watch rebuilds on change, re-rendering only the document that changed', async () => {
  const { dir, stdout, controller, done } = await watching('reunion-sud-est-2016');
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

// Renaming an item rewrites the documents that show it; what is left on disk is what a fresh
// build of the edited event writes.
it('build --watch: an item renamed rewrites the documents that show it, and only those', async () => {
  const { dir, stdout, controller, done } = await watching('universites-automne', 30000);
  const event = path.join(dir, 'p', 'event.yaml');
  const text = readFileSync(event, 'utf8');
  expect(text).toContain('title: Ouverture');
  writeFileSync(event, text.replace('title: Ouverture', 'title: Ouverture solennelle'));
  await until(() => /outputs? unchanged, not re-rendered/.test(stdout.text.slice(stdout.text.indexOf('changed, rebuilding'))), 30000);
  const rebuild = stdout.text.slice(stdout.text.indexOf('changed, rebuilding'));
  controller.abort();
  expect(await done).toBe(0);
  const wrote = [...rebuild.matchAll(/^wrote out\/(\S+)/gm)].map((m) => m[1]);
  expect(wrote).toEqual(expect.arrayContaining(['programme.pdf', 'programme.html', 'grille.pdf', 'schedule.json']));
  for (const same of ['badges.pdf', 'emargement.pdf', 'participants.pdf', 'participants.csv']) expect(wrote).not.toContain(same);
  // What is on disk is what a fresh build of the edited event writes.
  const fresh = await main({ argv: ['build', 'p/event.yaml', '-o', 'fresh', '--quiet'], stdout: new Capture(), stderr: new Capture(), cwd: dir, env: {} });
  expect(fresh).toBe(0);
  for (const name of ['programme.pdf', 'badges.pdf', 'emargement.pdf', 'participants.csv', 'programme.html']) {
    expect(readFileSync(path.join(dir, 'out', name)).equals(readFileSync(path.join(dir, 'fresh', name))), name).toBe(true);
  }
}, 60000);

it('a watching build makes the documents again when a logo is replaced (its bytes, not only the texts, are in the cache key)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-watch-logo-'));
  cpSync(path.join(repo, 'examples', 'rencontres-franco-chinoises'), path.join(dir, 'p'), { recursive: true });
  const files = [{ abs: path.join(dir, 'p', 'event.yaml'), display: 'p/event.yaml' }];
  const options = { outDir: path.join(dir, 'out'), cwd: dir, cache: new Map(), only: ['programme.html'], jobs: 1, env: {} };
  const first = await buildProject(files, options);
  expect(first.ok).toBe(true);
  const copied = readdirSync(path.join(dir, 'out', 'assets')).filter((f) => f.startsWith('cuf'));
  expect(copied).toHaveLength(1);
  const replacement = readFileSync(path.join(dir, 'p', 'logos', 'daect.png'));
  writeFileSync(path.join(dir, 'p', 'logos', 'cuf.png'), replacement);
  const second = await buildProject(files, options);
  expect(second.reused ?? 0).toBe(0);
  const now = readdirSync(path.join(dir, 'out', 'assets')).filter((f) => f.startsWith('cuf'));
  expect(now.map((f) => readFileSync(path.join(dir, 'out', 'assets', f)).equals(replacement))).toContain(true);
});
