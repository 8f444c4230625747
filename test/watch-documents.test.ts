/**
 * A watching build re-renders and rewrites only the documents an edit changes: renaming an
 * item rewrites the programme, not the badges or the sign-in sheet; and what it leaves on
 * disk is what a fresh build of the edited event writes.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { Capture } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');

async function until(check: () => boolean, ms = 30000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('build --watch: an item renamed rewrites the documents that show it, and only those', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-watch-docs-'));
  cpSync(path.join(repo, 'examples', 'universites-automne'), path.join(dir, 'p'), { recursive: true });
  const stdout = new Capture();
  const stderr = new Capture();
  const controller = new AbortController();
  const done = main({ argv: ['build', '--watch', 'p/event.yaml', '-o', 'out', '--lang', 'en'], stdout, stderr, cwd: dir, env: {}, signal: controller.signal });
  await until(() => stdout.text.includes('watching for changes'));
  const event = path.join(dir, 'p', 'event.yaml');
  const text = readFileSync(event, 'utf8');
  expect(text).toContain('title: Ouverture');
  writeFileSync(event, text.replace('title: Ouverture', 'title: Ouverture solennelle'));
  await until(() => /outputs? unchanged, not re-rendered/.test(stdout.text.slice(stdout.text.indexOf('changed, rebuilding'))));
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
