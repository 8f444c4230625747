import { randomBytes } from 'node:crypto';
import { constants, existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, link, mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describeIoError, EnvironmentError, isSystemError, UsageError } from '../errors.js';
import { eventJsonSchema } from '../model/json-schema.js';
import { packageRoot } from '../util/root.js';
import { readConfinedSync } from '../source/read.js';
import { displayPath } from '../util/paths.js';
import { visible } from '../util/visible.js';
import type { Io } from './io.js';
import { cliWords, type Locale } from '../i18n.js';

export interface InitFlags {
  lang?: Locale;
  /** Write a CI workflow (GitHub Actions or GitLab CI) instead of the starter event. */
  ci?: 'github' | 'gitlab';
}

/** Write a small working event, its minutes and the JSON Schema editors use; never overwrite. */
export async function runInit(io: Io, dir = '.', opts: InitFlags = {}): Promise<number> {
  const target = path.resolve(io.cwd, dir);
  const shown = (p: string) => visible(displayPath(p, io.cwd));
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new UsageError(`init: ${shown(target)} is a file, not a folder; give a folder to write the ${opts.ci ? 'workflow' : 'event'} into.`);
  const lang = opts.lang ?? 'fr';
  if (opts.ci) return writeCi(io, dir, target, opts.ci, lang);
  const src = path.join(packageRoot(), 'templates', 'init');
  const files: Array<[string, string]> = [
    ['event.yaml', await readFile(path.join(src, 'event.yaml'), 'utf8')],
    [path.join('minutes', 'reunion-du-bureau.md'), await readFile(path.join(src, 'minutes.md'), 'utf8')],
    ['event.schema.json', JSON.stringify(eventJsonSchema(), null, 2) + '\n'],
  ];
  await writeNew(io, dir, target, files, lang);
  // `coop`, the command installed with this package, not `npx coop`: npx would fetch the
  // unrelated npm package of that name where coop is not installed.
  io.stdout.write(`\n${cliWords.initNext(visible(path.join(dir, 'event.yaml')))[lang]}\n`);
  return 0;
}

async function writeNew(io: Io, dir: string, target: string, files: Array<[string, string]>, lang: Locale): Promise<void> {
  const existing = files.map(([f]) => f).filter((f) => existsSync(path.join(target, f)));
  if (existing.length) {
    throw new UsageError(
      `init: ${existing.map(visible).join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'} in ${visible(dir)}; coop init never overwrites a file.`,
    );
  }
  // All or nothing: each file is written whole to a temporary name and linked into place (a
  // link fails rather than replace a file that appeared meanwhile); on any failure the files
  // this run created are removed, and the message says what happened and where.
  const shown = (p: string) => visible(displayPath(p, io.cwd));
  const created: string[] = [];
  let current = target;
  try {
    for (const [f, text] of files) {
      const final = path.join(target, f);
      current = path.dirname(final);
      await mkdir(current, { recursive: true });
      current = final;
      const tmp = path.join(path.dirname(final), `.coop-${process.pid}-${randomBytes(8).toString('hex')}.tmp`);
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(text);
        await handle.close();
        await link(tmp, final).catch(async (err: NodeJS.ErrnoException) => {
          // File systems without hard links: an exclusive copy refuses an existing file too.
          if (err.code !== 'EPERM' && err.code !== 'ENOTSUP' && err.code !== 'EOPNOTSUPP') throw err;
          await copyFile(tmp, final, constants.COPYFILE_EXCL);
        });
        created.push(final);
      } finally {
        await handle.close().catch(() => {});
        await rm(tmp, { force: true });
      }
    }
  } catch (err) {
    await Promise.all(created.map((f) => rm(f, { force: true }).catch(() => {})));
    if (!isSystemError(err)) throw err;
    throw new EnvironmentError(`init: ${describeIoError(err, 'write', shown(current))} Nothing was written.`);
  }
  for (const f of created) io.stdout.write(`${cliWords.wrote(shown(f))[lang]}\n`);
}

/**
 * The CI workflow (templates/ci/): checks on pull requests, `coop diff` of the base revision
 * in the job summary, every document built on the main branch. Its EVENTS pattern is the
 * event files found in the project ("*\/event.yaml" for one folder per event).
 */
async function writeCi(io: Io, dir: string, target: string, ci: 'github' | 'gitlab', lang: Locale): Promise<number> {
  const file = ci === 'github' ? path.join('.github', 'workflows', 'coop.yml') : '.gitlab-ci.yml';
  const events = eventPattern(target, io.env);
  const text = (await readFile(path.join(packageRoot(), 'templates', 'ci', `${ci}.yml`), 'utf8')).replace('__EVENTS__', events.pattern);
  await writeNew(io, dir, target, [[file, text]], lang);
  io.stdout.write(
    events.found
      ? `The workflow checks, compares and builds ${visible(events.pattern)} (the EVENTS line; edit it as events come and go).\n`
      : 'No event file found yet: the workflow expects one folder per event, */event.yaml (the EVENTS line; edit it to match).\n',
  );
  if (!listsCoop(target, io.env)) {
    io.stdout.write(
      'Note: the workflow runs `npm ci`, then node_modules/.bin/coop: add coop to the devDependencies of package.json\n' +
        '(from wherever you install it: a git URL or a tarball), and commit package-lock.json.\n',
    );
  }
  return 0;
}

/** The event files of the project, as the workflow's EVENTS: a pattern when they follow one, else the list. */
function eventPattern(root: string, env: NodeJS.ProcessEnv): { pattern: string; found: boolean } {
  const found: string[] = [];
  // Read as every project file is: inside the folder, a regular file, within the size limit.
  const isEvent = (f: string) => {
    try {
      const r = readConfinedSync(f, root, env);
      return 'bytes' in r && /^event:/m.test(Buffer.from(r.bytes.subarray(0, 200_000)).toString('utf8'));
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

function listsCoop(root: string, env: NodeJS.ProcessEnv): boolean {
  try {
    const r = readConfinedSync(path.join(root, 'package.json'), root, env);
    if (!('bytes' in r)) return false;
    const pkg = JSON.parse(Buffer.from(r.bytes).toString('utf8')) as Record<string, Record<string, string> | undefined>;
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
