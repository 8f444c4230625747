import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder of coop's own package.json, wherever this module ends up (src/ under tests,
 * dist/ as compiled files, or a bundle), so templates and metadata are found alike.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'templates'))) return (cached = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('coop: cannot find its own package folder (templates/ and package.json)');
    dir = up;
  }
}
