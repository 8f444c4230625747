/**
 * Nothing lost: a build that fails after some documents rendered leaves the previous
 * outputs byte-identical, and never leaves a temporary file behind. Inputs are never modified.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');

it('a build failing on its last document leaves the previous outputs intact', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-atomic-'));
  cpSync(path.join(repo, 'examples', 'reunion-sud-est-2016'), path.join(dir, 'p'), { recursive: true });
  cpSync(path.join(repo, 'test', 'fixtures', 'templates', 'broken-minutes'), path.join(dir, 'p', 'tpl'), { recursive: true });
  const inputsBefore = readFileSync(path.join(dir, 'p', 'event.yaml'));
  const first = await run(['build', 'p/event.yaml', '-o', 'out'], dir);
  expect(first.code).toBe(0);
  const before = new Map(readdirSync(path.join(dir, 'out')).map((f) => [f, readFileSync(path.join(dir, 'out', f))]));
  // The programme and the attendee documents render; the minutes template then fails.
  const second = await run(['build', 'p/event.yaml', '-o', 'out', '--templates', 'p/tpl'], dir);
  expect(second.code).toBe(1);
  expect(second.stderr).toContain('template/invalid');
  expect(second.stderr).toContain('minutes.hbs:2:');
  const after = readdirSync(path.join(dir, 'out')).sort();
  expect(after).toEqual([...before.keys()].sort()); // no temporary file left
  for (const [f, bytes] of before) expect(readFileSync(path.join(dir, 'out', f)).equals(bytes), f).toBe(true);
  expect(readFileSync(path.join(dir, 'p', 'event.yaml')).equals(inputsBefore)).toBe(true);
});
