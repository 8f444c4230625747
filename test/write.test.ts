/**
 * The write stage under failures the test machine cannot produce for real (the tests run as
 * root, on a disk with room): a full disk and a read-only folder, simulated at `open`/`rename`.
 * Whatever fails: exit 2 with what and where, no temporary file left, previous outputs intact.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './helpers.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const mod = await importOriginal<typeof import('node:fs/promises')>();
  return { ...mod, open: vi.fn(mod.open), rename: vi.fn(mod.rename) };
});

const real = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
const failure = (code: string, syscall: string) => Object.assign(new Error(`${code}: simulated`), { code, syscall, errno: -28 });

afterEach(() => {
  vi.mocked(fsp.open).mockImplementation(real.open);
  vi.mocked(fsp.rename).mockImplementation(real.rename);
});

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-write-'));
  writeFileSync(
    path.join(dir, 'event.yaml'),
    'event: { title: Séminaire }\ndays:\n  - date: 2016-05-19\n    sessions:\n      - { title: Matin, start: "9h", end: "12h" }\n',
  );
  mkdirSync(path.join(dir, 'out'));
  writeFileSync(path.join(dir, 'out', 'event.ics'), 'previous');
  writeFileSync(path.join(dir, 'out', 'schedule.json'), 'previous');
  return dir;
}

describe('write failures', () => {
  it('a full disk while writing the second output: exit 2, what and where, nothing replaced, no temporary file', async () => {
    const dir = project();
    let opened = 0;
    vi.mocked(fsp.open).mockImplementation(async (file, flags, mode) => {
      const handle = await real.open(file, flags, mode);
      if (String(file).includes('.coop-') && ++opened === 2) {
        handle.writeFile = () => Promise.reject(failure('ENOSPC', 'write'));
      }
      return handle;
    });
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'event.ics,schedule.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write out/schedule.json: no space left on the device (ENOSPC)');
    expect(r.stderr).not.toContain('bug in coop');
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['event.ics', 'schedule.json']);
    expect(readFileSync(path.join(dir, 'out', 'event.ics'), 'utf8')).toBe('previous');
  });

  it('flushes the temporary files together; a failed flush names its output, and every file is closed and removed', async () => {
    const dir = project();
    let opened = 0;
    let inFlight = 0;
    let most = 0;
    let open = 0;
    vi.mocked(fsp.open).mockImplementation(async (file, flags, mode) => {
      const handle = await real.open(file, flags, mode);
      if (!String(file).includes('.coop-')) return handle;
      const n = ++opened;
      open++;
      const { datasync, close } = handle;
      handle.datasync = async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        if (n === 2) throw failure('EIO', 'fsync');
        return datasync.call(handle);
      };
      handle.close = async () => {
        open--;
        return close.call(handle);
      };
      return handle;
    });
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'event.ics,schedule.json,schedule.xml'], dir);
    expect(most).toBe(3);
    expect(open).toBe(0);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write out/schedule.json: input/output error');
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['event.ics', 'schedule.json']);
    expect(readFileSync(path.join(dir, 'out', 'schedule.json'), 'utf8')).toBe('previous');
  });

  it('a read-only folder: exit 2, what and where', async () => {
    const dir = project();
    vi.mocked(fsp.open).mockImplementation(async (file, flags, mode) => {
      if (String(file).includes('.coop-')) throw Object.assign(failure('EROFS', 'open'), { path: String(file) });
      return real.open(file, flags, mode);
    });
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'event.ics'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write out/event.ics: the file system is read-only (EROFS)');
    expect(readFileSync(path.join(dir, 'out', 'event.ics'), 'utf8')).toBe('previous');
  });

  it('a failing rename: says how many outputs were replaced, removes the other temporary files', async () => {
    const dir = project();
    let renamed = 0;
    vi.mocked(fsp.rename).mockImplementation(async (from, to) => {
      if (++renamed === 2) throw failure('EIO', 'rename');
      return real.rename(from, to);
    });
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'event.ics,schedule.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write out/schedule.json: input/output error');
    expect(r.stderr).toContain('1 output was already replaced');
    expect(readdirSync(path.join(dir, 'out')).filter((f) => f.startsWith('.coop-'))).toEqual([]);
  });
});
