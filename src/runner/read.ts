import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';

/** Files above this size are skipped: hand-written code is far smaller, and parsing them is slow. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Refuses to open a symbolic link (O_NOFOLLOW is absent on Windows, where an lstat does the job
 * instead). O_NONBLOCK because a named pipe given as a path would otherwise block the run
 * forever waiting for a writer; it changes nothing for regular files.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export type ReadOutcome =
  | { kind: 'read'; length: number }
  | { kind: 'symlink' }
  | { kind: 'too-large' }
  /** listed but gone (a tracked file deleted from the work tree), or not a regular file */
  | { kind: 'absent' }
  /** a named pipe, socket or device: not source code, and reading it may never end */
  | { kind: 'special' }
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
    // A pipe without a writer reads as empty; only then is the stat worth its cost.
    if (length === 0 && !fstatSync(fd).isFile()) return { kind: 'special' };
    return length > MAX_FILE_BYTES ? { kind: 'too-large' } : { kind: 'read', length };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { kind: 'absent' };
    // A pipe with a writer that has not written yet.
    if (code === 'EAGAIN') return { kind: 'special' };
    return { kind: 'failed', message: (error as Error).message };
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a small metadata file (`package.json`, `.gitignore`), or null when it is absent,
 * unreadable or not a regular file: opening a named pipe for reading would wait for a writer
 * forever, so it is opened without blocking and looked at before anything is read.
 */
export function readRegularTextFile(filePath: string): string | null {
  let fd: number;
  try {
    fd = openSync(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    if (!fstatSync(fd).isFile()) return null;
    return readFileSync(fd, 'utf8');
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
