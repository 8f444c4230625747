import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { eventJsonSchema } from '../model/json-schema.js';
import { packageRoot } from '../util/root.js';
import type { Io } from './io.js';

export interface InitFlags {
  /** Write a CI workflow (GitHub Actions or GitLab CI) instead of the starter event. */
  ci?: 'github' | 'gitlab';
}

/** Write a small working event, its minutes and the JSON Schema editors use; never overwrite. */
export async function runInit(io: Io, dir = '.', opts: InitFlags = {}): Promise<number> {
  const target = path.resolve(io.cwd, dir);
  if (opts.ci) return writeCi(io, dir, target, opts.ci);
  const src = path.join(packageRoot(), 'templates', 'init');
  const files: Array<[string, string]> = [
    ['event.yaml', await readFile(path.join(src, 'event.yaml'), 'utf8')],
    [path.join('minutes', 'reunion-du-bureau.md'), await readFile(path.join(src, 'minutes.md'), 'utf8')],
    ['event.schema.json', JSON.stringify(eventJsonSchema(), null, 2) + '\n'],
  ];
  await writeNew(io, dir, target, files);
  io.stdout.write(`\nNext: npx coop check ${path.join(dir, 'event.yaml')} && npx coop build ${path.join(dir, 'event.yaml')}\n`);
  io.stdout.write('In CI: coop init --ci github (or --ci gitlab) writes a workflow that checks, compares and builds.\n');
  return 0;
}

async function writeNew(io: Io, dir: string, target: string, files: Array<[string, string]>): Promise<void> {
  const existing = files.map(([f]) => f).filter((f) => existsSync(path.join(target, f)));
  if (existing.length) {
    throw new UsageError(`init: ${existing.join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'} in ${dir}; coop init never overwrites a file.`);
  }
  for (const [f, text] of files) {
    await mkdir(path.dirname(path.join(target, f)), { recursive: true });
    await writeFile(path.join(target, f), text, { flag: 'wx' });
    io.stdout.write(`wrote ${path.join(dir, f)}\n`);
  }
}

/**
 * The CI workflow (templates/ci/): checks on pull requests, `coop diff` of the base revision
 * in the job summary, every document built on the main branch. Its EVENTS pattern is the
 * event files found in the project ("*\/event.yaml" for one folder per event).
 */
async function writeCi(io: Io, dir: string, target: string, ci: 'github' | 'gitlab'): Promise<number> {
  const file = ci === 'github' ? path.join('.github', 'workflows', 'coop.yml') : '.gitlab-ci.yml';
  const events = eventPattern(target);
  const text = readFileSync(path.join(packageRoot(), 'templates', 'ci', `${ci}.yml`), 'utf8').replace('__EVENTS__', events.pattern);
  await writeNew(io, dir, target, [[file, text]]);
  io.stdout.write(
    events.found
      ? `The workflow checks, compares and builds ${events.pattern} (the EVENTS line; edit it as events come and go).\n`
      : 'No event file found yet: the workflow expects one folder per event, */event.yaml (the EVENTS line; edit it to match).\n',
  );
  if (!listsCoop(target)) {
    io.stdout.write(
      'Note: the workflow runs `npm ci`, then node_modules/.bin/coop: add coop to the devDependencies of package.json\n' +
        '(from wherever you install it: a git URL or a tarball), and commit package-lock.json.\n',
    );
  }
  return 0;
}

/** The event files of the project, as the workflow's EVENTS: a pattern when they follow one, else the list. */
function eventPattern(root: string): { pattern: string; found: boolean } {
  const found: string[] = [];
  const isEvent = (f: string) => {
    try {
      return /^event:/m.test(readFileSync(f, 'utf8').slice(0, 200_000));
    } catch {
      return false;
    }
  };
  const visit = (rel: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.') || e.name === 'node_modules' || e.name === 'out') continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && depth < 2) visit(child, depth + 1);
      else if (e.isFile() && /\.ya?ml$/i.test(e.name) && isEvent(path.join(root, child))) found.push(child);
    }
  };
  visit('', 0);
  if (found.length === 0) return { pattern: '*/event.yaml', found: false };
  if (found.length > 1 && found.every((f) => /^[^/]+\/event\.yaml$/.test(f))) return { pattern: '*/event.yaml', found: true };
  // Names with spaces or shell characters cannot be listed in a shell word list: fall back to the pattern.
  if (found.some((f) => /[^\w./-]/.test(f))) return { pattern: '*/event.yaml', found: true };
  return { pattern: found.join(' '), found: true };
}

function listsCoop(root: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    return Boolean(pkg.dependencies?.coop ?? pkg.devDependencies?.coop);
  } catch {
    return false;
  }
}

export async function runSchema(io: Io, opts: { minutes?: boolean } = {}): Promise<number> {
  const schema = opts.minutes ? (await import('../minutes/schema.js')).minutesJsonSchema() : eventJsonSchema();
  io.stdout.write(JSON.stringify(schema, null, 2) + '\n');
  return 0;
}
