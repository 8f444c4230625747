import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** How a file is named to the user: relative to the current folder when inside it, else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/');
}

/** How many folders above a minutes file its linked event may sit (`../../../event.yaml`). */
export const EVENT_LEVELS_UP = 3;

/**
 * The project folder of an input file, found from the files alone, never from the current
 * folder, so that a file checks the same whatever folder coop runs in:
 *
 * - an event file: its own folder;
 * - a minutes file whose `event:` (`linkedEvent`, as written in it) names a `.yaml` / `.yml`
 *   file in the minutes' own folder or at most EVENT_LEVELS_UP folders above it: that event's
 *   folder (`minutes/cr.md` with `event: ../event.yaml` belongs to the event's project);
 * - any other file (minutes without an event, or linking one elsewhere): its own folder.
 *
 * Every path written in a file of the project must stay inside that folder, symbolic links
 * included (`resolveInside`); a link to an event elsewhere is refused as `ref/outside-project`.
 */
export function projectRoot(file: string, linkedEvent?: string | null): string {
  const own = path.dirname(path.resolve(file));
  if (!linkedEvent || !/\.ya?ml$/i.test(linkedEvent.trim())) return own;
  const eventDir = path.dirname(path.resolve(own, linkedEvent.trim()));
  const rel = path.relative(eventDir, own);
  if (rel === '') return own;
  if (rel.startsWith('..') || path.isAbsolute(rel)) return own;
  return rel.split(path.sep).length <= EVENT_LEVELS_UP ? eventDir : own;
}

/**
 * Resolve a path written in an input file, relative to that file's folder, and refuse it
 * when it leaves the project folder, directly (`../../etc/passwd`) or through a symbolic
 * link. Returns the absolute path, or the reason it is refused.
 */
export function resolveInside(
  root: string,
  fromDir: string,
  written: string,
  kind: 'file' | 'folder' | 'any' = 'any',
): { abs: string } | { error: 'outside' | 'missing' | 'folder' | 'not-folder' } {
  const abs = path.resolve(fromDir, written);
  const realRoot = safeReal(root) ?? root;
  if (!inside(realRoot, abs) && !inside(root, abs)) return { error: 'outside' };
  const real = safeReal(abs);
  if (real === undefined) return { error: 'missing' };
  if (!inside(realRoot, real)) return { error: 'outside' };
  if (kind !== 'any') {
    const dir = statSync(real).isDirectory();
    if (kind === 'file' && dir) return { error: 'folder' };
    if (kind === 'folder' && !dir) return { error: 'not-folder' };
  }
  return { abs: real };
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function safeReal(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Whether a written path stays inside the project folder, by its text alone (for glob prefixes). */
export function resolveInsideLexically(root: string, fromDir: string, written: string): boolean {
  return inside(root, path.resolve(fromDir, written));
}
