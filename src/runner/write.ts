import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
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
 * folder (same file system, so the rename is atomic), carrying the old file's permission bits,
 * and is renamed over the old one. A reader, a crash or a Ctrl-C sees the old file or the new
 * one, never half of each. Refuses when the file no longer holds `expected` (edited meanwhile)
 * or is read-only.
 */
export function writeFileAtomic(filePath: string, content: string, expected: string): void {
  const current = readFileSync(filePath, 'utf8');
  if (current !== expected) throw new ChangedOnDiskError(filePath);
  const mode = statSync(filePath).mode & 0o7777;
  if (!isWritable(filePath, mode)) throw new ReadOnlyFileError(filePath);
  const temp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${randomBytes(6).toString('hex')}.auth0-mgmt-codemod.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    try {
      const data = Buffer.from(content, 'utf8');
      for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset, data.length - offset);
      // The creation mode is filtered by the umask; the old file's bits are set explicitly.
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
