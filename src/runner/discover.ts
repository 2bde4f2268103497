import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { gitListFiles, gitSubmodulePaths, gitTopLevel, gitTreeMatches, hasSpecialGitignore } from './git';
import { readRegularTextFile } from './read';
import { emptySkipCounts, type FileSkipReason, type SkipCounts } from './types';
import { PREFILTER_SOURCE } from '../analysis/prefilter';

/** Extensions of the files the transforms (directly or through `<script>` blocks) can change. */
export const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.vue',
  '.svelte',
  '.html',
  '.htm',
]);

/** Installed dependencies: never the user's code to migrate. */
export const DEPENDENCY_DIRS: ReadonlySet<string> = new Set(['node_modules', 'bower_components', 'jspm_packages', 'web_modules']);

/** Generated output: rewriting it is pointless, the next build overwrites it. */
export const BUILD_OUTPUT_DIRS: ReadonlySet<string> = new Set([
  'dist',
  'build',
  'coverage',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.output',
  '.angular',
  '.cache',
  '.parcel-cache',
  '.turbo',
  '.vercel',
]);

/** Version-control metadata, left out silently. */
const VCS_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn']);

const MINIFIED_NAME = /\.min\.[cm]?[jt]sx?$/i;

/** Shorter files are never judged minified: a small file with a long line is still readable code. */
const MINIFIED_MIN_LENGTH = 2048;
/** Hand-written code averages well under 80 characters a line; bundles average thousands. */
const MINIFIED_MEAN_LINE_LENGTH = 200;
/** A single line this long is generated, whatever the average. */
const MINIFIED_LONGEST_LINE = 20_000;

export interface DiscoverOptions {
  /** Real path of the directory relative paths start from. */
  cwd: string;
  /** Absolute, real paths of the files and folders to search. */
  paths: readonly string[];
  /** Extra gitignore-style patterns, relative to `cwd`. */
  ignore: readonly string[];
}

/**
 * A file to read. Nothing about it has been checked beyond its name: reading it (read.ts) finds
 * out whether it is a link or too large, because one `open` costs less than an `lstat` plus an
 * `open`, and a tree of 20,000 files must cost little more than grep takes to read it.
 */
export interface DiscoveredFile {
  absolutePath: string;
  /** The run root the file was found under: its git work tree, else the folder the search started from. */
  root: string;
  /** named on the command line (not found in a folder) */
  explicit: boolean;
}

/** A path left out that the report must list: it was named on the command line or holds Auth0 text. */
export interface ListedSkip {
  absolutePath: string;
  root: string;
  reason: FileSkipReason;
}

export interface Discovery {
  files: DiscoveredFile[];
  skipped: SkipCounts;
  listed: ListedSkip[];
}

export class PathNotFoundError extends Error {
  constructor(
    readonly path: string,
    reason = 'no such file or directory',
  ) {
    super(`${reason}: ${path}`);
    this.name = 'PathNotFoundError';
  }
}

export class UnsupportedFileError extends Error {
  constructor(readonly path: string) {
    super(
      isDeclarationFile(path)
        ? `a TypeScript declaration file holds types only, nothing to migrate: ${path}`
        : `not a file the codemod reads (${[...SOURCE_EXTENSIONS].join(' ')}): ${path}`,
    );
    this.name = 'UnsupportedFileError';
  }
}

/**
 * `.d.ts`, `.d.mts`, `.d.cts`: types only, so nothing in them can call the Management API or
 * configure a login. They are also ambient code (`export const x: T;`, functions without bodies)
 * that the TypeScript parser for ordinary modules rejects.
 */
const DECLARATION_FILE = /\.d\.[cm]?ts$/i;

function isDeclarationFile(filePath: string): boolean {
  return DECLARATION_FILE.test(filePath);
}

export function hasSourceExtension(filePath: string): boolean {
  const dot = filePath.lastIndexOf('.');
  if (dot === -1) return false;
  const ext = filePath.slice(dot);
  return (SOURCE_EXTENSIONS.has(ext) || SOURCE_EXTENSIONS.has(ext.toLowerCase())) && !isDeclarationFile(filePath);
}

export function hasMinifiedName(filePath: string): boolean {
  return MINIFIED_NAME.test(path.basename(filePath));
}

/** True for text whose lines are far longer than anyone writes by hand (a bundle or a minified library). */
export function looksMinified(text: string): boolean {
  if (text.length < MINIFIED_MIN_LENGTH) return false;
  let lines = 1;
  let longest = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    longest = Math.max(longest, i - lineStart);
    lineStart = i + 1;
    lines++;
  }
  longest = Math.max(longest, text.length - lineStart);
  return longest >= MINIFIED_LONGEST_LINE || text.length / lines >= MINIFIED_MEAN_LINE_LENGTH;
}

/**
 * Whether a path as the user typed it names a folder by its trailing separator (`src/`). Path
 * resolution drops that separator, and with it the promise: `file.js/` must not quietly mean
 * `file.js`.
 */
export function endsWithSeparator(given: string): boolean {
  return given.endsWith('/') || (path.sep === '\\' && given.endsWith('\\'));
}

/** `/`-separated path of `to` relative to `from` ('.' when equal). */
export function relativePosix(from: string, to: string): string {
  const rel = path.relative(from, to);
  if (rel === '') return '.';
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The run root for a searched path: the git work tree containing it; outside git, the cwd when
 * the path lies inside it, else the path itself. `.gitignore` files and package lookups do not
 * reach above it.
 */
export function runRootFor(absolutePath: string, cwd: string, isDirectory: boolean): string {
  const dir = isDirectory ? absolutePath : path.dirname(absolutePath);
  const top = gitTopLevel(dir);
  if (top !== null) return top;
  if (isInside(cwd, absolutePath)) return cwd;
  return dir;
}

/** `--ignore` patterns, matched like `.gitignore` lines against paths relative to the cwd. */
class ExtraIgnores {
  private readonly matcher: Ignore | null;

  constructor(
    private readonly cwd: string,
    patterns: readonly string[],
  ) {
    this.matcher = patterns.length > 0 ? ignore().add(patterns) : null;
  }

  get active(): boolean {
    return this.matcher !== null;
  }

  matches(absolutePath: string, isDirectory: boolean): boolean {
    if (this.matcher === null || !isInside(this.cwd, absolutePath) || absolutePath === this.cwd) return false;
    const rel = relativePosix(this.cwd, absolutePath);
    return this.matcher.ignores(isDirectory ? `${rel}/` : rel);
  }
}

/** The `.gitignore` rules of one folder, which apply to paths below it. */
interface IgnoreLevel {
  dir: string;
  rules: Ignore;
}

function readGitignore(dir: string): IgnoreLevel | null {
  const text = readRegularTextFile(path.join(dir, '.gitignore'));
  return text === null ? null : { dir, rules: ignore().add(text) };
}

/**
 * Git's precedence: rules of deeper `.gitignore` files override shallower ones, and within a
 * file the last matching line wins, so the last level with an opinion decides.
 */
function isGitignored(levels: readonly IgnoreLevel[], absolutePath: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const rel = relativePosix(level.dir, absolutePath);
    if (rel === '.' || rel.startsWith('..')) continue;
    const result = level.rules.test(isDirectory ? `${rel}/` : rel);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** Why a folder below a searched path is left out, or null to search it. */
function excludedDirReason(name: string): 'dependencies' | 'build-output' | null {
  if (DEPENDENCY_DIRS.has(name)) return 'dependencies';
  if (BUILD_OUTPUT_DIRS.has(name)) return 'build-output';
  return null;
}

class Collector {
  readonly files: DiscoveredFile[] = [];
  readonly skipped: SkipCounts = emptySkipCounts();
  readonly listed: ListedSkip[] = [];
  private readonly seen = new Set<string>();
  /** Folders already counted, so a folder listed file by file (git) counts once, as in a walk. */
  private readonly countedDirs = new Set<string>();

  constructor(readonly extra: ExtraIgnores) {}

  countDir(reason: 'dependencies' | 'build-output' | 'ignore-option', dir: string): void {
    if (this.countedDirs.has(dir)) return;
    this.countedDirs.add(dir);
    this.skipped[reason]++;
  }

  addFile(absolutePath: string, root: string, explicit = false): void {
    if (this.seen.has(absolutePath)) return;
    this.seen.add(absolutePath);
    if (hasMinifiedName(absolutePath)) {
      this.skipped.minified++;
      if (explicit) this.listed.push({ absolutePath, root, reason: 'minified' });
      return;
    }
    this.files.push({ absolutePath, root, explicit });
  }
}

/**
 * The files to pre-filter under the given paths: inside a git work tree what
 * `git ls-files -co --exclude-standard` lists, elsewhere a walk that honours `.gitignore` files
 * at every level. Dependency and build-output folders, `*.min.*` files, symbolic links and
 * `--ignore` matches are left out and counted. A file named explicitly is taken even when a
 * `.gitignore` or a folder rule would leave it out. The files come in no particular order.
 */
export function discover(options: DiscoverOptions): Discovery {
  const collector = new Collector(new ExtraIgnores(options.cwd, options.ignore));
  for (const target of options.paths) {
    let stats;
    try {
      stats = statSync(target);
    } catch {
      throw new PathNotFoundError(target);
    }
    if (stats.isDirectory()) {
      const root = runRootFor(target, options.cwd, true);
      // git waits forever on a named pipe where it reads a .gitignore; the walk reads none.
      if (gitTopLevel(target) !== null && !hasSpecialGitignore(root, target)) listWithGit(collector, target, root);
      else walk(collector, target, root);
    } else {
      if (!hasSourceExtension(target)) throw new UnsupportedFileError(target);
      if (collector.extra.matches(target, false)) {
        collector.skipped['ignore-option']++;
        continue;
      }
      collector.addFile(target, runRootFor(target, options.cwd, false), true);
    }
  }
  return { files: collector.files, skipped: collector.skipped, listed: collector.listed };
}

function toNativePath(top: string, posixRelative: string): string {
  return path.sep === '/' ? `${top}/${posixRelative}` : path.join(top, ...posixRelative.split('/'));
}

function listWithGit(collector: Collector, dir: string, top: string): void {
  const pathspec = relativePosix(top, dir);
  // git prints paths relative to the top; the folder rules apply below the searched folder.
  const prefixLength = pathspec === '.' ? 0 : pathspec.length + 1;
  listSubmodules(collector, top, pathspec, prefixLength);
  for (const rel of gitListFiles(top, pathspec === '.' ? '' : pathspec)) {
    if (!hasSourceExtension(rel)) continue;
    if (excludedBySegments(collector, top, rel, prefixLength)) continue;
    const absolutePath = toNativePath(top, rel);
    if (collector.extra.matches(absolutePath, false)) {
      collector.skipped['ignore-option']++;
      continue;
    }
    collector.addFile(absolutePath, top);
  }
}

/**
 * Submodules are repositories of their own: `git ls-files` lists none of their files, and the
 * codemod does not write into them. One that holds Auth0 text is listed as skipped, so the run
 * says so instead of passing over it in silence.
 */
function listSubmodules(collector: Collector, top: string, pathspec: string, prefixLength: number): void {
  for (const rel of gitSubmodulePaths(top)) {
    if (pathspec !== '.' && rel !== pathspec && !rel.startsWith(`${pathspec}/`)) continue;
    if (excludedBySegments(collector, top, `${rel}/`, prefixLength)) continue;
    const absolutePath = toNativePath(top, rel);
    if (collector.extra.matches(absolutePath, true)) continue;
    if (gitTreeMatches(absolutePath, PREFILTER_SOURCE)) collector.listed.push({ absolutePath, root: top, reason: 'submodule' });
  }
}

/** Applies the folder rules a walk applies while descending, to a path git listed. */
function excludedBySegments(collector: Collector, top: string, rel: string, prefixLength: number): boolean {
  let from = prefixLength;
  for (let slash = rel.indexOf('/', from); slash !== -1; slash = rel.indexOf('/', from)) {
    const segment = rel.slice(from, slash);
    from = slash + 1;
    if (VCS_DIRS.has(segment)) return true;
    const reason = excludedDirReason(segment);
    if (reason !== null) {
      collector.countDir(reason, `${top}/${rel.slice(0, slash)}`);
      return true;
    }
    if (collector.extra.active && collector.extra.matches(toNativePath(top, rel.slice(0, slash)), true)) {
      collector.countDir('ignore-option', `${top}/${rel.slice(0, slash)}`);
      return true;
    }
  }
  return false;
}

/** `.gitignore` files from the run root down to (and including) `dir`. */
function ancestorIgnoreLevels(root: string, dir: string): IgnoreLevel[] {
  const chain: string[] = [];
  for (let d = dir; isInside(root, d); d = path.dirname(d)) {
    chain.unshift(d);
    if (d === root || path.dirname(d) === d) break;
  }
  return chain.map(readGitignore).filter((level): level is IgnoreLevel => level !== null);
}

function walk(collector: Collector, start: string, root: string): void {
  const stack: { dir: string; levels: IgnoreLevel[] }[] = [{ dir: start, levels: ancestorIgnoreLevels(root, start) }];
  while (stack.length > 0) {
    const { dir, levels } = stack.pop() as { dir: string; levels: IgnoreLevel[] };
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    // The listing tells whether a .gitignore is there, which saves a stat per folder.
    const hasGitignore = dir !== start && entries.some((entry) => entry.name === '.gitignore');
    const ownLevel = hasGitignore ? readGitignore(dir) : null;
    const here = ownLevel ? [...levels, ownLevel] : levels;
    for (const entry of entries) {
      const absolutePath = dir + path.sep + entry.name;
      if (entry.isDirectory()) {
        if (VCS_DIRS.has(entry.name) || isGitignored(here, absolutePath, true)) continue;
        const reason = excludedDirReason(entry.name);
        if (reason !== null) {
          collector.countDir(reason, absolutePath);
          continue;
        }
        if (collector.extra.matches(absolutePath, true)) {
          collector.countDir('ignore-option', absolutePath);
          continue;
        }
        stack.push({ dir: absolutePath, levels: here });
        continue;
      }
      // Links to folders are never descended into (git does not list their contents either);
      // links to source files are counted, as git mode counts them.
      if (!hasSourceExtension(entry.name)) continue;
      if (entry.isSymbolicLink()) {
        if (!isGitignored(here, absolutePath, false) && !collector.extra.matches(absolutePath, false)) {
          collector.skipped.symlink++;
        }
        continue;
      }
      if (!entry.isFile()) continue;
      if (isGitignored(here, absolutePath, false)) continue;
      if (collector.extra.matches(absolutePath, false)) {
        collector.skipped['ignore-option']++;
        continue;
      }
      collector.addFile(absolutePath, root);
    }
  }
}
