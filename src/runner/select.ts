import * as path from 'node:path';
import { gitChangedSince, GitRevisionError, gitTopLevel } from './git';
import type { PackageIndex } from './packages';

/** `--package` or `--since` cannot be met (an unknown package name, a revision git does not know). */
export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

interface Selectable {
  absolutePath: string;
  root: string;
  packageDir: string;
}

/**
 * The changed files (absolute paths) under each run root for `--since REF`, computed before
 * anything is read so that a bad revision stops the run at once. Throws SelectionError.
 */
export function changedFilesSince(roots: Iterable<string>, ref: string): Set<string> {
  const changed = new Set<string>();
  for (const root of new Set(roots)) {
    const top = gitTopLevel(root);
    if (top === null) throw new SelectionError(`--since needs a git work tree, and ${root} is not in one`);
    try {
      for (const rel of gitChangedSince(top, ref)) changed.add(path.join(top, ...rel.split('/')));
    } catch (error) {
      if (error instanceof GitRevisionError) throw new SelectionError(error.message);
      throw error;
    }
  }
  return changed;
}

/**
 * Splits the candidate files into targets (reported, and written in a write run) and the rest.
 * `--package` keeps the packages with the given names; `--since` keeps the changed files, and
 * the unchanged files of their packages come back as `context`, read for the package facts only
 * so that scopes and storage keys stay those of the whole package. Files of unselected packages
 * are dropped. Throws SelectionError for a package name no package has.
 */
export function selectTargets<T extends Selectable>(
  candidates: readonly T[],
  selection: { packageNames?: readonly string[]; changed?: ReadonlySet<string> },
  packages: PackageIndex,
): { targets: T[]; context: T[] } {
  let selected = candidates;
  const names = selection.packageNames ?? [];
  if (names.length > 0) {
    const dirs = new Set(candidates.map((c) => c.packageDir));
    const known = packages.knownNames(dirs);
    const unknown = names.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      const list = known.length > 0 ? `; packages here: ${known.join(', ')}` : '; no package here has a name (package.json or bower.json "name")';
      throw new SelectionError(`--package ${unknown.join(', ')}: no such package${list}`);
    }
    const wanted = new Set(names);
    selected = candidates.filter((c) => {
      const name = packages.nameOf(c.packageDir);
      return name !== undefined && wanted.has(name);
    });
  }
  if (selection.changed === undefined) return { targets: [...selected], context: [] };
  const changed = selection.changed;
  const targets = selected.filter((c) => changed.has(c.absolutePath));
  const targetPackages = new Set(targets.map((c) => c.packageDir));
  const context = selected.filter((c) => !changed.has(c.absolutePath) && targetPackages.has(c.packageDir));
  return { targets, context };
}
