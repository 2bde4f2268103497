import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';

export class ChangedOnDiskError extends Error {
  constructor(readonly path: string) {
    super('the file changed on disk while the codemod ran; not written (run again)');
    this.name = 'ChangedOnDiskError';
  }
}

export class ReadOnlyFileError extends Error {
  constructor(readonly path: string) {
    super('the file is read-only; make it writable (or leave it out with --ignore) and run again');
    this.name = 'ReadOnlyFileError';
  }
}

/** A file that is not a plain file with one name: replacing it would not change what its other names see. */
export class NotPlainFileError extends Error {
  constructor(
    readonly path: string,
    what: string,
  ) {
    super(`${what}; not written`);
    this.name = 'NotPlainFileError';
  }
}

/**
 * Whether the file may be written in place. The atomic rename below only needs a writable folder,
 * so without this check a read-only file (a locked or checked-in-read-only file, or someone
 * else's) would be replaced silently. No write bit at all counts as read-only even for root, who
 * passes every access check.
 */
function isWritable(filePath: string, mode: number): boolean {
  if ((mode & 0o222) === 0) return false;
  try {
    accessSync(filePath, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Replaces a file's content all at once: the new text goes to a temporary file in the same
 * folder (same file system, so the rename is atomic), carrying the old file's permission bits
 * and, where the process may set it, its owner and group, and is renamed over the old one. A
 * reader, a crash or a Ctrl-C sees the old file or the new one, never half of each. Refuses
 * when the file no longer holds `expected` (edited meanwhile), is read-only, is a symbolic link
 * (the rename would replace the link, and the file it points to was what was read), or has
 * several hard links (the rename would split them).
 */
export function writeFileAtomic(filePath: string, content: string, expected: string): void {
  const stats = lstatSync(filePath);
  if (stats.isSymbolicLink()) throw new NotPlainFileError(filePath, 'the path is a symbolic link now');
  if (!stats.isFile()) throw new NotPlainFileError(filePath, 'the path is no regular file now');
  if (stats.nlink > 1) throw new NotPlainFileError(filePath, `the file has ${stats.nlink} hard links`);
  const current = readFileSync(filePath, 'utf8');
  if (current !== expected) throw new ChangedOnDiskError(filePath);
  const mode = stats.mode & 0o7777;
  if (!isWritable(filePath, mode)) throw new ReadOnlyFileError(filePath);
  const temp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${randomBytes(6).toString('hex')}.auth0-mgmt-codemod.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    try {
      const data = Buffer.from(content, 'utf8');
      for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset, data.length - offset);
      keepOwner(fd, stats.uid, stats.gid);
      // The creation mode is filtered by the umask; the old file's bits are set explicitly (after
      // the owner: changing the owner clears set-user-ID bits).
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, filePath);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file is already gone; the original error is the one to report.
    }
    throw error;
  }
}

/**
 * Gives the new file the old one's owner and group. Root may set any; another user may set the
 * group to one of their own groups; what is not allowed is left as the process creates it.
 */
function keepOwner(fd: number, uid: number, gid: number): void {
  try {
    fchownSync(fd, uid, gid);
  } catch {
    try {
      fchownSync(fd, -1, gid);
    } catch {
      // Not allowed: the file keeps the process's own group.
    }
  }
}
