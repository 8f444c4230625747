import { readdirSync } from 'node:fs';
import path from 'node:path';

/** A glob ("minutes/*.md", "**\/*.md", "cr-?.md") as a regular expression over '/'-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:[^/]+/)*' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * The files under `dir` that match `glob` (relative to `dir`), sorted. Walks at most 10
 * levels and 20,000 entries; skips node_modules and hidden folders.
 */
export function expandGlob(dir: string, glob: string): string[] {
  const pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!/[*?]/.test(pattern)) return [path.resolve(dir, pattern)];
  const re = globToRegExp(pattern);
  const out: string[] = [];
  let seen = 0;
  const walk = (rel: string, depth: number) => {
    if (depth > 10 || seen > 20_000) return;
    let entries;
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      seen++;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        walk(r, depth + 1);
      } else if (re.test(r)) out.push(path.join(dir, r));
    }
  };
  walk('', 0);
  return out.sort();
}
