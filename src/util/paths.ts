import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The project folder an input belongs to: the current folder when the input is inside it
 * (the usual `coop build event.yaml` from the project), else the input's own folder.
 */
/** How a file is named to the user: relative to the current folder when inside it, else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/');
}

export function projectRoot(inputAbs: string, cwd: string): string {
  const rel = path.relative(cwd, inputAbs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.dirname(inputAbs) : cwd;
}

/**
 * Resolve a path written in an input file, relative to that file's folder, and refuse it
 * when it leaves the project folder, directly (`../../etc/passwd`) or through a symbolic
 * link. Returns the absolute path, or the reason it is refused.
 */
export function resolveInside(root: string, fromDir: string, written: string, kind: 'file' | 'folder' | 'any' = 'any'): { abs: string } | { error: 'outside' | 'missing' | 'folder' | 'not-folder' } {
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
