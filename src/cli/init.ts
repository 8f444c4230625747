import { randomBytes } from 'node:crypto';
import { constants, existsSync, statSync } from 'node:fs';
import { copyFile, link, mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describeIoError, EnvironmentError, isSystemError, UsageError } from '../errors.js';
import { eventJsonSchema } from '../model/json-schema.js';
import { packageRoot } from '../util/root.js';
import { displayPath } from '../util/paths.js';
import { visible } from '../util/visible.js';
import type { Io } from './io.js';

/**
 * Write a small working event, its minutes and the JSON Schema editors use; never overwrite.
 * All or nothing: each file is written whole to a temporary name and linked into place (a link
 * fails rather than replace a file that appeared meanwhile); on any failure the files this run
 * created are removed, and the message says what happened and where.
 */
export async function runInit(io: Io, dir = '.'): Promise<number> {
  const target = path.resolve(io.cwd, dir);
  const shown = (p: string) => visible(displayPath(p, io.cwd));
  if (existsSync(target) && !statSync(target).isDirectory()) throw new UsageError(`init: ${shown(target)} is a file, not a folder; give a folder to write the event into.`);
  const src = path.join(packageRoot(), 'templates', 'init');
  const files: Array<[string, string]> = [
    ['event.yaml', await readFile(path.join(src, 'event.yaml'), 'utf8')],
    [path.join('minutes', 'reunion-du-bureau.md'), await readFile(path.join(src, 'minutes.md'), 'utf8')],
    ['event.schema.json', JSON.stringify(eventJsonSchema(), null, 2) + '\n'],
  ];
  const existing = files.map(([f]) => f).filter((f) => existsSync(path.join(target, f)));
  if (existing.length) throw new UsageError(`init: ${existing.join(', ')} already exist in ${visible(dir)}; coop init never overwrites a file.`);
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
  for (const f of created) io.stdout.write(`wrote ${shown(f)}\n`);
  io.stdout.write(`\nNext: npx coop check ${visible(path.join(dir, 'event.yaml'))} && npx coop build ${visible(path.join(dir, 'event.yaml'))}\n`);
  return 0;
}

export function runSchema(io: Io): number {
  io.stdout.write(JSON.stringify(eventJsonSchema(), null, 2) + '\n');
  return 0;
}
