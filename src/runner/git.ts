import { spawnSync } from 'node:child_process';

/** Output of a git command that is allowed to list a whole large repository. */
const GIT_MAX_BUFFER = 512 * 1024 * 1024;

/** Paths per `git status` call, well below any command-line length limit. */
const PATHSPECS_PER_CALL = 200;

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function git(cwd: string, args: readonly string[]): GitResult {
  const result = spawnSync('git', ['--literal-pathspecs', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: GIT_MAX_BUFFER,
    // A user's pager or prompt settings must never block or decorate machine-read output.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
  if (result.error || result.status !== 0) {
    return { ok: false, stdout: result.stdout ?? '', stderr: result.stderr ?? String(result.error) };
  }
  return { ok: true, stdout: result.stdout, stderr: result.stderr };
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
 * Which of `paths` (relative to `top`) differ from the last commit: modified, staged, or
 * untracked (an untracked file has no committed copy to go back to).
 */
export function gitDirtyPaths(top: string, paths: readonly string[]): Set<string> {
  const dirty = new Set<string>();
  for (let i = 0; i < paths.length; i += PATHSPECS_PER_CALL) {
    const chunk = paths.slice(i, i + PATHSPECS_PER_CALL);
    const result = git(top, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...chunk]);
    if (!result.ok) throw new Error(`git status failed in ${top}: ${result.stderr.trim()}`);
    const fields = result.stdout.split('\0');
    for (let k = 0; k < fields.length; k++) {
      const entry = fields[k];
      if (entry.length < 4) continue;
      const status = entry.slice(0, 2);
      dirty.add(entry.slice(3));
      // A rename or copy is followed by its source path in the next field.
      if (status[0] === 'R' || status[0] === 'C') k++;
    }
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
