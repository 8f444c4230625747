import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { eventJsonSchema } from '../model/json-schema.js';
import { packageRoot } from '../util/root.js';
import type { Io } from './io.js';

/** Write a small working event, its minutes and the JSON Schema editors use; never overwrite. */
export async function runInit(io: Io, dir = '.'): Promise<number> {
  const target = path.resolve(io.cwd, dir);
  const src = path.join(packageRoot(), 'templates', 'init');
  const files: Array<[string, string]> = [
    ['event.yaml', await readFile(path.join(src, 'event.yaml'), 'utf8')],
    [path.join('minutes', 'reunion-du-bureau.md'), await readFile(path.join(src, 'minutes.md'), 'utf8')],
    ['event.schema.json', JSON.stringify(eventJsonSchema(), null, 2) + '\n'],
  ];
  const existing = files.map(([f]) => f).filter((f) => existsSync(path.join(target, f)));
  if (existing.length) throw new UsageError(`init: ${existing.join(', ')} already exist in ${dir}; coop init never overwrites a file.`);
  for (const [f, text] of files) {
    await mkdir(path.dirname(path.join(target, f)), { recursive: true });
    await writeFile(path.join(target, f), text, { flag: 'wx' });
    io.stdout.write(`wrote ${path.join(dir, f)}\n`);
  }
  io.stdout.write(`\nNext: npx coop check ${path.join(dir, 'event.yaml')} && npx coop build ${path.join(dir, 'event.yaml')}\n`);
  return 0;
}

export async function runSchema(io: Io, opts: { minutes?: boolean } = {}): Promise<number> {
  const schema = opts.minutes ? (await import('../minutes/schema.js')).minutesJsonSchema() : eventJsonSchema();
  io.stdout.write(JSON.stringify(schema, null, 2) + '\n');
  return 0;
}
