import { closeSync, constants, lstatSync, openSync, readSync } from 'node:fs';

/** Files above this size are skipped: hand-written code is far smaller, and parsing them is slow. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Refuses to open a symbolic link; absent on Windows, where an lstat does the job instead. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

export type ReadOutcome =
  | { kind: 'read'; length: number }
  | { kind: 'symlink' }
  | { kind: 'too-large' }
  /** listed but gone (a tracked file deleted from the work tree), or not a regular file */
  | { kind: 'absent' }
  | { kind: 'failed'; message: string };

/** One reusable buffer per run, one byte larger than the limit so an over-limit file shows itself. */
export function createReadBuffer(): Buffer {
  return Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
}

/**
 * Reads a whole file into `buffer` with one open and one read (no stat): the fastest way Node
 * has to look at many small files. Links are refused, never followed.
 */
export function readSourceFile(filePath: string, buffer: Buffer): ReadOutcome {
  let fd: number;
  try {
    if (constants.O_NOFOLLOW === undefined && lstatSync(filePath).isSymbolicLink()) return { kind: 'symlink' };
    fd = openSync(filePath, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { kind: 'symlink' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'failed', message: (error as Error).message };
  }
  try {
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    return length > MAX_FILE_BYTES ? { kind: 'too-large' } : { kind: 'read', length };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { kind: 'absent' };
    return { kind: 'failed', message: (error as Error).message };
  } finally {
    closeSync(fd);
  }
}
