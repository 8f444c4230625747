/**
 * The write stage: outputs reach their folder whole or not at all.
 *
 * Each output is written to a temporary file in the output folder, created exclusively
 * (O_CREAT | O_EXCL: a file or symbolic link planted under that name is never followed or
 * overwritten) under an unpredictable name, `.coop-PID-RANDOM.tmp`, flushed to disk (up to 16
 * files at a time, their flushes overlapping), and only when every output is written and
 * flushed are they renamed into place, in order. A failure (a full disk,
 * a read-only folder, an output name taken by a folder) removes the temporary files and says
 * what happened and where (exit 2); the previous outputs stay as they were.
 *
 * A build killed while writing (Ctrl-C, `kill -9`, a power cut) leaves each output either the
 * previous version or the new one, whole; it may leave `.coop-*.tmp` files, which the next
 * build into that folder removes (those of processes that are no longer running, or older than
 * a day). A build killed during the renames may leave some outputs new and some old: build again.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { describeIoError, EnvironmentError, isSystemError } from './errors.js';

export interface Output {
  name: string;
  bytes: Uint8Array | string;
}

/** coop's temporary files, and only them: `.coop-<pid>-<16 hex>.tmp`. */
const TEMPORARY = /^\.coop-(\d{1,10})-[0-9a-f]{16}\.tmp$/;
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

function temporaryName(): string {
  return `.coop-${process.pid}-${randomBytes(8).toString('hex')}.tmp`;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // running, as another user
  }
}

/**
 * Remove the temporary files that killed builds left in `dir`: coop's naming only, of a process
 * that no longer runs or older than a day. Never follows a link; a file it cannot remove stays.
 */
export async function removeStaleTemporaries(dir: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMPORARY.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    try {
      const st = await lstat(file);
      if (!st.isFile() && !st.isSymbolicLink()) continue;
      if (alive(Number(m[1])) && now - st.mtimeMs < STALE_AFTER_MS) continue;
      await rm(file, { force: true });
      removed.push(file);
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
  return removed;
}

/**
 * Create a temporary file exclusively and write `bytes` to it; returns its path and its open
 * handle, to be flushed and closed by `flushAndClose`.
 */
async function writeTemporary(dir: string, bytes: Uint8Array | string): Promise<{ tmp: string; handle: FileHandle }> {
  for (let attempt = 0; ; attempt++) {
    const tmp = path.join(dir, temporaryName());
    let handle;
    try {
      handle = await open(tmp, 'wx', 0o666);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue;
      throw err;
    }
    try {
      await handle.writeFile(bytes);
    } catch (err) {
      await handle.close().catch(() => {});
      await rm(tmp, { force: true }).catch(() => {});
      throw err;
    }
    return { tmp, handle };
  }
}

/** Flush a temporary file to disk and close it (closed even when the flush fails). */
async function flushAndClose(handle: FileHandle): Promise<void> {
  try {
    await handle.datasync();
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
  await handle.close();
}

/**
 * Temporary files written one after the other and then flushed together, at most: their
 * flushes overlap (the file system commits them together) instead of waiting for the disk
 * once per file, and no more files than this are open at once. The 300 outputs of twenty
 * seminars in one build: 0.24 s of sequential flushes, profiled.
 */
const FLUSHED_TOGETHER = 16;

/**
 * Write every output to a temporary file first, then rename them all into place. `shown`
 * names a path in messages (relative to the current folder, for a person).
 */
export async function writeAtomically(dir: string, outputs: Output[], shown: (p: string) => string = (p) => p): Promise<string[]> {
  const isFolder = await stat(dir).then(
    (st) => st.isDirectory(),
    () => null,
  );
  if (isFolder === false)
    throw new EnvironmentError(`cannot write into ${shown(dir)}: it is a file, not a folder (EEXIST); choose another output folder with -o.`);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new EnvironmentError(describeIoError(err, 'create the output folder', shown(dir)));
  }
  await removeStaleTemporaries(dir);
  const temps: Array<{ tmp: string; final: string }> = [];
  const cleanUp = () => Promise.all(temps.map((t) => rm(t.tmp, { force: true }).catch(() => {})));
  let current = '';
  // Written, not yet flushed: flushed together, the first failure (in output order) reported.
  let unflushed: Array<{ handle: FileHandle; final: string }> = [];
  const flush = async () => {
    const batch = unflushed;
    unflushed = [];
    const results = await Promise.allSettled(batch.map((u) => flushAndClose(u.handle)));
    const failed = results.findIndex((r) => r.status === 'rejected');
    if (failed >= 0) {
      current = batch[failed].final;
      throw (results[failed] as PromiseRejectedResult).reason;
    }
  };
  try {
    for (const o of outputs) {
      current = path.join(dir, o.name);
      // An output in a folder of its own (assets/logo.png): the folder first.
      if (path.dirname(o.name) !== '.') await mkdir(path.dirname(current), { recursive: true });
      const { tmp, handle } = await writeTemporary(dir, o.bytes);
      temps.push({ tmp, final: current });
      unflushed.push({ handle, final: current });
      if (unflushed.length >= FLUSHED_TOGETHER) await flush();
    }
    await flush();
  } catch (err) {
    await Promise.all(unflushed.map((u) => u.handle.close().catch(() => {})));
    await cleanUp();
    if (!isSystemError(err)) throw err;
    throw new EnvironmentError(`${describeIoError(err, 'write', shown(current))} Nothing was written; the previous outputs are unchanged.`);
  }
  const done: string[] = [];
  for (const t of temps) {
    try {
      await rename(t.tmp, t.final);
      done.push(t.final);
    } catch (err) {
      await cleanUp();
      if (!isSystemError(err)) throw err;
      const written = done.length
        ? ` ${done.length} output${done.length > 1 ? 's were' : ' was'} already replaced; the others are unchanged.`
        : ' Nothing was replaced.';
      throw new EnvironmentError(`${describeIoError(err, 'write', shown(t.final))}${written}`);
    }
  }
  return done;
}
