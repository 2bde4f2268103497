import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readRegularTextFile } from './read';

/** Output of a git command that is allowed to list a whole large repository. */
const GIT_MAX_BUFFER = 512 * 1024 * 1024;

/**
 * How long a git command may take. Listing even a very large repository takes seconds; git can
 * hang, though, on a named pipe where it expects a `.gitignore`, and a run must end.
 */
const GIT_TIMEOUT_MS = 120_000;

/** Paths per `git status` call, well below any command-line length limit. */
const PATHSPECS_PER_CALL = 200;

interface GitResult {
  ok: boolean;
  /** the exit status; null when git could not be started or was killed */
  status: number | null;
  stdout: string;
  stderr: string;
}

function git(cwd: string, args: readonly string[]): GitResult {
  const result = spawnSync('git', ['--literal-pathspecs', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: GIT_MAX_BUFFER,
    timeout: GIT_TIMEOUT_MS,
    // A user's pager or prompt settings must never block or decorate machine-read output.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
  if (result.error || result.status !== 0) {
    const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
    const stderr =
      code === 'ENOENT'
        ? 'git is not installed (not on PATH)'
        : code === 'ETIMEDOUT'
          ? `git did not answer within ${GIT_TIMEOUT_MS / 1000} s (is a .gitignore a named pipe?)`
          : (result.error?.message ?? result.stderr ?? '');
    return { ok: false, status: result.status, stdout: result.stdout ?? '', stderr };
  }
  return { ok: true, status: 0, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Whether the dirty-tree guard can judge a file in `dir`: `repo` inside a git work tree git
 * answers for; `none` outside any work tree (no `.git` at or above `dir`); `unknown` when there
 * is a `.git` but git cannot answer (not installed, or it refuses the repository, e.g. "dubious
 * ownership"): then nobody can tell whether the file has uncommitted changes.
 */
export type GuardState = { kind: 'repo'; top: string } | { kind: 'none' } | { kind: 'unknown'; why: string };

export function gitGuardState(dir: string): GuardState {
  const result = git(dir, ['rev-parse', '--show-toplevel']);
  const top = result.ok ? result.stdout.trim() : '';
  if (top !== '' && hasSpecialGitignore(top, dir)) return { kind: 'unknown', why: 'a .gitignore is a named pipe, which git would wait on forever' };
  if (top !== '') return { kind: 'repo', top };
  if (!hasGitEntryAbove(dir)) return { kind: 'none' };
  const why = result.stderr.trim().split('\n')[0].replace(/^fatal:\s*/, '') || 'git gave no answer';
  return { kind: 'unknown', why };
}

/**
 * Whether a `.gitignore` from `top` down to `dir` exists but is no regular file: git waits
 * forever on a named pipe where it reads one.
 */
export function hasSpecialGitignore(top: string, dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      if (!statSync(path.join(d, '.gitignore')).isFile()) return true;
    } catch {
      // No .gitignore here.
    }
    const rel = path.relative(top, d);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || path.dirname(d) === d) return false;
  }
}

function hasGitEntryAbove(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

const topLevelCache = new Map<string, string | null>();

/**
 * The root of the git work tree that contains `dir`, or null outside one (or without git).
 * The answer is a real path (git resolves symbolic links).
 */
export function gitTopLevel(dir: string): string | null {
  const cached = topLevelCache.get(dir);
  if (cached !== undefined) return cached;
  const result = git(dir, ['rev-parse', '--show-toplevel']);
  const top = result.ok ? result.stdout.trim() || null : null;
  topLevelCache.set(dir, top);
  return top;
}

/**
 * Tracked files plus untracked files that no ignore rule excludes, under `pathspec`
 * (relative to `top`), as paths relative to `top`. Deleted-but-tracked files may be listed;
 * callers stat what they get.
 */
export function gitListFiles(top: string, pathspec: string): string[] {
  const result = git(top, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', pathspec || '.']);
  if (!result.ok) throw new Error(`git ls-files failed in ${top}: ${result.stderr.trim()}`);
  const unique = new Set(result.stdout.split('\0').filter((p) => p !== ''));
  return [...unique];
}

/**
 * Which of `paths` (relative to `top`) differ from the last commit: modified, staged, untracked
 * or git-ignored (neither has a committed copy to go back to; an ignored file named on the
 * command line is migrated).
 */
export function gitDirtyPaths(top: string, paths: readonly string[]): Set<string> {
  const dirty = new Set<string>();
  for (let i = 0; i < paths.length; i += PATHSPECS_PER_CALL) {
    const chunk = paths.slice(i, i + PATHSPECS_PER_CALL);
    const result = git(top, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=matching', '--', ...chunk]);
    if (!result.ok) throw new Error(`git status failed in ${top}: ${result.stderr.trim()}`);
    const fields = result.stdout.split('\0');
    // An ignored folder is listed as a whole (`!! local/`): every path below it is dirty.
    const dirtyFolders: string[] = [];
    for (let k = 0; k < fields.length; k++) {
      const entry = fields[k];
      if (entry.length < 4) continue;
      const status = entry.slice(0, 2);
      const entryPath = entry.slice(3);
      if (entryPath.endsWith('/')) dirtyFolders.push(entryPath);
      else dirty.add(entryPath);
      // A rename or copy is followed by its source path in the next field.
      if (status[0] === 'R' || status[0] === 'C') k++;
    }
    for (const p of chunk) if (dirtyFolders.some((folder) => p.startsWith(folder))) dirty.add(p);
  }
  return dirty;
}

/** Why `--since` cannot be answered: not a git work tree, or an unknown revision. */
export class GitRevisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitRevisionError';
  }
}

/**
 * Files (relative to `top`) that differ between the merge base of `ref` and HEAD and the work
 * tree, plus untracked files no ignore rule excludes: what a pull request from this branch into
 * `ref` changes, uncommitted edits included. Deleted files are left out.
 */
export function gitChangedSince(top: string, ref: string): Set<string> {
  const commit = git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!commit.ok) throw new GitRevisionError(`--since ${ref}: no such commit in ${top} (for a shallow CI checkout, fetch it first, e.g. git fetch origin main)`);
  const base = git(top, ['merge-base', commit.stdout.trim(), 'HEAD']);
  if (!base.ok) throw new GitRevisionError(`--since ${ref}: it shares no history with HEAD in ${top}`);
  const changed = git(top, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', base.stdout.trim(), '--']);
  if (!changed.ok) throw new Error(`git diff failed in ${top}: ${changed.stderr.trim()}`);
  const untracked = git(top, ['ls-files', '-z', '--others', '--exclude-standard']);
  if (!untracked.ok) throw new Error(`git ls-files failed in ${top}: ${untracked.stderr.trim()}`);
  return new Set([...changed.stdout.split('\0'), ...untracked.stdout.split('\0')].filter((p) => p !== ''));
}

/**
 * Paths (relative to `top`, `/`-separated) of the submodules `.gitmodules` declares; none without
 * that file.
 */
export function gitSubmodulePaths(top: string): string[] {
  const manifest = path.join(top, '.gitmodules');
  if (readRegularTextFile(manifest) === null) return [];
  const result = git(top, ['config', '--file', manifest, '-z', '--get-regexp', '^submodule\\..*\\.path$']);
  if (!result.ok) return [];
  return result.stdout
    .split('\0')
    .filter((entry) => entry !== '')
    .map((entry) => entry.slice(entry.indexOf('\n') + 1).replace(/\/+$/, ''));
}

/** Whether any text file git lists in the work tree at `dir` matches the extended regular expression `pattern`. */
export function gitTreeMatches(dir: string, pattern: string): boolean {
  if (!existsSync(dir)) return false;
  const result = git(dir, ['grep', '--quiet', '-I', '--untracked', '-E', pattern]);
  return result.ok;
}
