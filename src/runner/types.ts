import type { Finding, PackageFacts, TransformId, TransformModule, TransformOptions } from '../types';
import type { FlowSummary } from '../plan/types';

/** What a run does with the files it would change. */
export type RunMode =
  /** write the changed files */
  | 'write'
  /** write nothing; the caller prints the diff */
  | 'dry'
  /** write nothing; the caller judges pending changes and findings */
  | 'check';

export interface RunOptions {
  /** Directory the paths are relative to, and that report paths are relative to. */
  cwd: string;
  /** Files or folders to migrate, as given on the command line. */
  paths: readonly string[];
  /** `all` or one transform id. */
  transform: string;
  mode: RunMode;
  transformOptions: TransformOptions;
  /** Extra gitignore-style patterns, relative to `cwd`. */
  ignore: readonly string[];
  /** Upper bound on worker threads; 1 runs everything in this thread. */
  workers: number;
  /** When false, `workers` is only a ceiling and small runs stay in this thread. */
  workersExplicit: boolean;
  /** Write even when target files have uncommitted git changes. */
  force: boolean;
  /** Aborting stops dispatching work; writes already started finish. */
  signal?: AbortSignal;
  /** Only the packages with these names (`--package`); the others are not reported. */
  packageNames?: readonly string[];
  /**
   * Only the files changed since this git revision, plus untracked ones (`--since`); the other
   * files of their packages are still read for the package facts.
   */
  since?: string;
  /**
   * Transform modules to run in this thread instead of the registry's (tests use this to drive
   * the runner with stand-in transforms). Forces in-process processing: modules cannot cross
   * into a worker thread.
   */
  modules?: readonly TransformModule[];
}

/** Why discovery left a file or folder out; each is counted in the summary. */
export type SkipReason =
  /** a dependency folder such as node_modules */
  | 'dependencies'
  /** a build-output folder such as dist or coverage */
  | 'build-output'
  /** `*.min.js` or a file of very long lines */
  | 'minified'
  /** over the size limit */
  | 'too-large'
  /** holds NUL bytes (an image or archive under a source name), so it is not code */
  | 'binary'
  /** a symbolic link; its target is processed under its own path when it lies inside the given paths */
  | 'symlink'
  /** matched an `--ignore` pattern */
  | 'ignore-option';

export type SkipCounts = Record<SkipReason, number>;

export function emptySkipCounts(): SkipCounts {
  return { dependencies: 0, 'build-output': 0, minified: 0, 'too-large': 0, binary: 0, symlink: 0, 'ignore-option': 0 };
}

export interface FileError {
  message: string;
  /** 1-based, when the failure has a place (parse errors do) */
  line?: number;
  /** 1-based */
  column?: number;
}

export type FileStatus =
  | 'changed'
  | 'unchanged'
  | 'error'
  /** not processed, or not written; `skipReason` says why */
  | 'skipped';

/**
 * Why a file that matters was left alone. A file matters when it was named on the command line
 * or holds Auth0 text (it passed the pre-filter): such a skip is listed, counted in
 * `totals.skipped`, and fails the run (see exit-code.ts).
 */
export type FileSkipReason =
  /** named on the command line, but a symbolic link (or reached through one): never written through */
  | 'symlink'
  /** over the size limit */
  | 'too-large'
  /** not UTF-8 text */
  | 'not-utf8'
  /** holds NUL bytes */
  | 'binary'
  /** minified: generated code, not the source to migrate */
  | 'minified'
  /** a named pipe, socket or device */
  | 'not-regular-file'
  /** a git submodule: a repository of its own */
  | 'submodule'
  /** has several hard links: replacing it would split them, and an in-place edit is not atomic */
  | 'hard-links'
  /** not processed or not written because the run was interrupted */
  | 'interrupted';

/** The outcome for one candidate file (a file that passed the text pre-filter). */
export interface FileResult {
  /**
   * relative to the root of the file's git work tree, as `git diff` writes it (without git: to
   * the run root, see discover.ts runRootFor), `/`-separated
   */
  path: string;
  absolutePath: string;
  /** package folder, relative like `path` ('.' for the root) */
  packagePath: string;
  status: FileStatus;
  /** transforms that changed the file */
  transforms: TransformId[];
  findings: Finding[];
  error: FileError | null;
  /** set when status is 'skipped' */
  skipReason?: FileSkipReason;
  /** the text that was read */
  before: string;
  /** the new text; equal to `before` unless status is 'changed' */
  after: string;
  /** true once the new text is on disk */
  written: boolean;
}

/** The scopes and endpoints one package's configs now request. */
export interface PackageSummary {
  /** relative like FileResult.path ('.' for the root) */
  path: string;
  scopes: readonly string[];
  endpoints: readonly string[];
  versions: PackageFacts['versions'];
  /** The package's token flows and what became of each (see src/plan). */
  flows: readonly FlowSummary[];
  /** the package's `name` (workspace package, package.json or bower.json), if it has one */
  name?: string;
  /** client IDs its login configs name (literals), for the dashboard steps */
  clientIds: readonly string[];
  /** tenant hosts its login configs name */
  tenantHosts: readonly string[];
  /** it logs in with Lock embedded in the page: the application needs Cross-Origin Authentication */
  embeddedLogin: boolean;
}

export interface RunTotals {
  /** files whose text was read and pre-filtered */
  scanned: number;
  /** files that passed the pre-filter */
  candidates: number;
  changed: number;
  unchanged: number;
  errors: number;
  /** open findings (severity `warning`): places left to a person; `--check` fails while any is open */
  findings: number;
  /** notes (severity `note`): advice about a migrated flow that never fails `--check` */
  notes: number;
  /** files listed with status `skipped` (named on the command line, or holding Auth0 text) */
  skipped: number;
  /**
   * candidates parsed a second time: first transformed with their package's facts as known then,
   * which changed in a way the transforms had read before the package scan ended
   */
  reparsed: number;
}

export interface RunReport {
  mode: RunMode;
  transform: string;
  totals: RunTotals;
  skipped: SkipCounts;
  packages: PackageSummary[];
  /** every candidate file, sorted by path */
  files: FileResult[];
  /** set when the run stopped early (Ctrl-C) */
  interrupted: boolean;
  /**
   * files that would change but were refused, because they have uncommitted git changes or git
   * cannot tell whether they do; when non-empty nothing was written
   */
  refusedDirty: string[];
  /** why those files were refused: one sentence, set when `refusedDirty` is non-empty */
  refusedBecause: string | null;
  /** changed files that live in no git work tree (no way back but the diff) */
  outsideGit: string[];
  /**
   * `--since`: packages whose migration also changes files the selection leaves out (paths as
   * reported). A write run writes nothing in them: half a flow would break the app.
   */
  heldBack?: { packagePath: string; files: string[] }[];
  /** milliseconds the run took */
  elapsedMs: number;
}

export type RunPhase = 'discover' | 'read' | 'scan' | 'transform' | 'write';

/** What the runner tells its caller while it works; the runner itself never prints. */
export type RunEvent =
  | { type: 'phase'; phase: RunPhase }
  | { type: 'progress'; phase: RunPhase; done: number; total: number }
  | { type: 'written'; path: string }
  | { type: 'interrupted' };

export type RunListener = (event: RunEvent) => void;
