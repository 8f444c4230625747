import type { Text } from './i18n.js';

/**
 * A mistake in how coop was called (exit 2), not in the user's input. Given a `Text`, it is
 * printed in the language of the messages (`--lang`, else French); `message` is the English.
 */
export class UsageError extends Error {
  readonly text: Text;
  constructor(message: string | Text) {
    const text = typeof message === 'string' ? { fr: message, en: message } : message;
    super(text.en);
    this.text = text;
  }
}

/**
 * The machine said no (exit 2): a full disk, a read-only folder, a permission, an output path
 * that is a file. Not the input's fault and not a bug in coop: the message says what happened
 * and where.
 */
export class EnvironmentError extends UsageError {}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ENOENT: 'no such file or folder',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error (a failing disk or network share?)',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EXDEV: 'it is on another device',
  ENOTEMPTY: 'the folder is not empty',
  EFBIG: 'the file is too large for the file system',
};

/** A Node system error (an `fs` call that failed): it has a string `code` and a `syscall`. */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

/** "cannot write out/programme.pdf: no space left on the device (ENOSPC)". */
export function describeIoError(err: unknown, verb: 'read' | 'write' | 'create' | 'list' | 'rename' | 'remove' | string, where: string): string {
  const code = (err as { code?: unknown })?.code;
  const reason = typeof code === 'string' ? `${REASONS[code] ?? 'system error'} (${code})` : err instanceof Error ? err.message : String(err);
  return `cannot ${verb} ${where}: ${reason}.`;
}

/** What a system call was doing, in words, for an error caught far from where it happened. */
export function verbOf(syscall: string | undefined): string {
  switch (syscall) {
    case 'open':
    case 'write':
    case 'close':
    case 'fsync':
    case 'copyfile':
      return 'write';
    case 'read':
    case 'stat':
    case 'lstat':
    case 'fstat':
    case 'realpath':
    case 'scandir':
    case 'opendir':
      return 'read';
    case 'mkdir':
      return 'create the folder';
    case 'rename':
      return 'rename';
    case 'unlink':
    case 'rmdir':
    case 'rm':
      return 'remove';
    default:
      return 'use';
  }
}
