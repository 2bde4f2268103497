import { lstatSync, realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import type { FileFacts } from '../analysis/facts';
import { mergePackageFacts, withFileFacts } from '../analysis/facts';
import type { PackageFacts } from '../types';
import { selectTransforms } from '../../transforms/index';
import { discover, endsWithSeparator, looksMinified, PathNotFoundError, relativePosix, runRootFor, type DiscoveredFile, type ListedSkip } from './discover';
import type { ProcessRequest, ProcessResult, TransformRequest, TransformResult } from './engine';
import { readsAgree } from './fact-reads';
import { orderForFacts } from './schedule';
import { gitDirtyPaths, gitGuardState } from './git';
import { PackageIndex } from './packages';
import { passesPrefilter } from './quick-filter';
import { createReadBuffer, readSourceFile } from './read';
import { createProcessor, workerCountFor } from './pool';
import {
  emptySkipCounts,
  type FileError,
  type FileSkipReason,
  type FileResult,
  type PackageSummary,
  type RunListener,
  type RunOptions,
  type RunReport,
  type SkipCounts,
} from './types';
import { writeFileAtomic } from './write';
import { severityOf } from '../catalog/findings';

/** How often (in files) reading reports progress. */
const READ_PROGRESS_EVERY = 1000;

/** A file that passed the text pre-filter. */
interface Candidate {
  id: number;
  absolutePath: string;
  /** the run root its report path is relative to */
  root: string;
  /** relative to `root`, `/`-separated */
  path: string;
  packageDir: string;
  text: string;
  /** set when the file could not be read */
  readError: FileError | null;
}

/** What reading the discovered files counted. */
interface ReadTally {
  /** files read and pre-filtered */
  scanned: number;
  skipped: SkipCounts;
  /**
   * Where to list a file that is left out although it matters (named on the command line, or
   * holding Auth0 text); null while reading a package's other files for its facts only.
   */
  listed: ListedSkip[] | null;
}

interface PackageWork {
  dir: string;
  /** the run root of its files, which package paths in the report are relative to */
  root: string;
  targets: Candidate[];
  /** files of the package outside the given paths, scanned for facts only */
  context: Candidate[];
  /** each file's facts once scanned, in file order (targets, then context) */
  facts: (FileFacts | undefined)[];
  /** the facts of the files scanned so far, merged; null before the first */
  known: PackageFacts | null;
}

/**
 * One run: discover, pre-filter, scan each package, transform, and (in write mode) write.
 * Emits events and returns a report; never prints. Throws PathNotFoundError or
 * UnsupportedFileError for bad paths and an Error for an unknown transform, before touching
 * anything.
 */
export async function run(options: RunOptions, listener: RunListener = () => {}): Promise<RunReport> {
  const started = performance.now();
  if (options.modules === undefined) selectTransforms(options.transform);
  const cwd = realpathSync(options.cwd);
  // A path named on the command line that is a symbolic link is never followed: writing through
  // it would change a file somewhere else, possibly outside the repository.
  const linkedPaths: ListedSkip[] = [];
  const searchPaths: string[] = [];
  for (const given of options.paths) {
    const lexical = path.resolve(cwd, given);
    let real: string;
    try {
      real = realpathSync(lexical);
    } catch {
      throw new PathNotFoundError(given);
    }
    if (endsWithSeparator(given) && !statSync(real).isDirectory()) throw new PathNotFoundError(given, 'not a directory');
    if (lstatSync(lexical).isSymbolicLink()) {
      linkedPaths.push({ absolutePath: lexical, root: runRootFor(path.dirname(lexical), cwd, true), reason: 'symlink' });
      continue;
    }
    searchPaths.push(real);
  }
  const searchDirs = searchPaths.filter((p) => statSync(p).isDirectory());

  listener({ type: 'phase', phase: 'discover' });
  const discovery = discover({ cwd, paths: searchPaths, ignore: options.ignore });
  const skipped = discovery.skipped;
  skipped.symlink += linkedPaths.length;
  const packages = new PackageIndex();
  let nextId = 0;

  listener({ type: 'phase', phase: 'read' });
  const targets: Candidate[] = [];
  const buffer = createReadBuffer();
  const tally: ReadTally = { scanned: 0, skipped, listed: [...linkedPaths, ...discovery.listed] };
  discovery.files.forEach((file, index) => {
    const candidate = readCandidate(file, packages, tally, buffer, nextId);
    if (candidate) {
      targets.push(candidate);
      nextId++;
    }
    if ((index + 1) % READ_PROGRESS_EVERY === 0) {
      listener({ type: 'progress', phase: 'read', done: index + 1, total: discovery.files.length });
    }
  });

  const report: RunReport = {
    mode: options.mode,
    transform: options.transform,
    totals: { scanned: tally.scanned, candidates: targets.length, changed: 0, unchanged: 0, errors: 0, findings: 0, notes: 0, reparsed: 0, skipped: 0 },
    skipped,
    packages: [],
    files: (tally.listed ?? []).map(skippedFileResult),
    interrupted: false,
    refusedDirty: [],
    refusedBecause: null,
    outsideGit: [],
    elapsedMs: 0,
  };
  if (targets.length === 0) {
    sortByPath(report.files);
    return finish(report, started);
  }

  const work = groupByPackage(targets);
  const targetPaths = new Set(targets.map((c) => c.absolutePath));
  for (const pkg of work.values()) {
    if (searchDirs.some((dir) => isInside(dir, pkg.dir))) continue;
    // The paths cover only part of this package: its other files still decide its scopes.
    pkg.context = readPackageContext(pkg.dir, targetPaths, { cwd, ignore: options.ignore, packages, buffer }, nextId);
    nextId += pkg.context.length;
  }

  const results = await scanAndTransform(options, packages, work, targets, listener);
  report.interrupted = results.interrupted;
  report.totals.reparsed = results.reparsed;

  for (const candidate of targets) {
    const result = toFileResult(candidate, results.scans.get(candidate.id), results.transforms.get(candidate.id));
    report.files.push({ ...result, packagePath: relativePosix(candidate.root, candidate.packageDir) });
  }
  sortByPath(report.files);
  // Stopped before the package scan finished, the scopes are unknown: better none than wrong ones.
  const scanned = results.packageFacts.size > 0;
  report.packages = scanned ? summarisePackages(options, packages, work, results.packageFacts) : [];
  skipHardLinked(report.files);

  if (options.mode === 'write' && !report.interrupted) await writeChanges(options, report, listener);
  if (report.interrupted) {
    for (const file of report.files) {
      // Computed but never written (or never computed): the report must not claim them.
      if (file.status === 'changed' && !file.written && options.mode === 'write') markSkipped(file, 'interrupted');
    }
  }
  if (report.interrupted) listener({ type: 'interrupted' });
  return finish(report, started);
}

function sortByPath(files: FileResult[]): void {
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function skippedFileResult(skip: ListedSkip): FileResult {
  return {
    path: relativePosix(skip.root, skip.absolutePath),
    absolutePath: skip.absolutePath,
    packagePath: '.',
    status: 'skipped',
    skipReason: skip.reason,
    transforms: [],
    findings: [],
    error: null,
    before: '',
    after: '',
    written: false,
  };
}

function markSkipped(file: FileResult, reason: FileSkipReason): void {
  file.status = 'skipped';
  file.skipReason = reason;
  file.after = file.before;
}

/**
 * A file with several hard links cannot be replaced atomically without splitting it from its
 * other names, and an in-place edit could be cut in half: it is left alone, in every mode, so a
 * dry run shows what a write run will do.
 */
function skipHardLinked(files: FileResult[]): void {
  for (const file of files) {
    if (file.status !== 'changed') continue;
    let links: number;
    try {
      links = lstatSync(file.absolutePath).nlink;
    } catch {
      continue;
    }
    if (links > 1) markSkipped(file, 'hard-links');
  }
}

function readCandidate(
  file: DiscoveredFile,
  packages: PackageIndex,
  tally: ReadTally,
  buffer: Buffer,
  id: number,
): Candidate | null {
  const outcome = readSourceFile(file.absolutePath, buffer);
  const candidate = (text: string, readError: FileError | null): Candidate => ({
    id,
    absolutePath: file.absolutePath,
    root: file.root,
    path: relativePosix(file.root, file.absolutePath),
    packageDir: packages.packageDirFor(file.absolutePath, file.root),
    text,
    readError,
  });
  /** Leaves the file out; lists it when it matters (named, or holding Auth0 text). */
  const skip = (reason: FileSkipReason, matters: boolean): null => {
    if (matters && tally.listed) tally.listed.push({ absolutePath: file.absolutePath, root: file.root, reason });
    return null;
  };
  switch (outcome.kind) {
    case 'symlink':
      tally.skipped.symlink++;
      return skip('symlink', file.explicit);
    case 'too-large':
      tally.skipped['too-large']++;
      // The first MiB decides: a file that large with Auth0 text in it is worth a look.
      return skip('too-large', file.explicit || passesPrefilter(buffer, buffer.length));
    case 'absent':
      return null;
    case 'special':
      // Nothing can be read from it without waiting forever, so it is always listed.
      return skip('not-regular-file', true);
    case 'failed':
      return candidate('', { message: `cannot read: ${outcome.message}` });
    case 'read':
      tally.scanned++;
      break;
  }
  if (!passesPrefilter(buffer, outcome.length)) return null;
  const bytes = buffer.subarray(0, outcome.length);
  if (looksBinary(bytes)) {
    tally.skipped.binary++;
    return skip('binary', true);
  }
  if (!isUtf8(bytes)) return skip('not-utf8', true);
  const text = bytes.toString('utf8');
  if (looksMinified(text)) {
    tally.skipped.minified++;
    return skip('minified', true);
  }
  return candidate(text, null);
}

/** Bytes git's own test looks at to call a file binary. */
const BINARY_SNIFF_BYTES = 8000;

/**
 * Git's test for a binary file: a NUL byte near the start. Source code has none, and a file with
 * one (an image or an archive saved under a `.js` name) must not be parsed as code; NUL bytes are
 * valid UTF-8, so the encoding check below would let it through.
 */
function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}

/** The candidate files of a package that lie outside the given paths, read for the package scan only. */
function readPackageContext(
  packageDir: string,
  targetPaths: ReadonlySet<string>,
  context: { cwd: string; ignore: readonly string[]; packages: PackageIndex; buffer: Buffer },
  firstId: number,
): Candidate[] {
  const found: Candidate[] = [];
  const tally: ReadTally = { scanned: 0, skipped: emptySkipCounts(), listed: null };
  for (const file of discover({ cwd: context.cwd, paths: [packageDir], ignore: context.ignore }).files) {
    if (targetPaths.has(file.absolutePath)) continue;
    if (context.packages.packageDirFor(file.absolutePath, file.root) !== packageDir) continue;
    const candidate = readCandidate(file, context.packages, tally, context.buffer, firstId + found.length);
    if (candidate && candidate.readError === null) found.push(candidate);
  }
  return found;
}

function groupByPackage(targets: readonly Candidate[]): Map<string, PackageWork> {
  const work = new Map<string, PackageWork>();
  for (const candidate of targets) {
    let pkg = work.get(candidate.packageDir);
    if (!pkg) {
      pkg = { dir: candidate.packageDir, root: candidate.root, targets: [], context: [], facts: [], known: null };
      work.set(candidate.packageDir, pkg);
    }
    pkg.targets.push(candidate);
  }
  return work;
}

interface ProcessResults {
  scans: Map<number, ProcessResult>;
  transforms: Map<number, TransformResult>;
  packageFacts: Map<string, PackageFacts>;
  /** candidates parsed a second time (see fact-reads.ts) */
  reparsed: number;
  interrupted: boolean;
}

/**
 * Parses every file once, reading its facts and transforming it with its package's facts as
 * known at that moment; then, with each package's final facts, keeps every result whose facts
 * read are unchanged and transforms the rest again (see fact-reads.ts). The results equal a
 * scan of every package followed by a transform of every file.
 */
async function scanAndTransform(
  options: RunOptions,
  packages: PackageIndex,
  work: Map<string, PackageWork>,
  targets: readonly Candidate[],
  listener: RunListener,
): Promise<ProcessResults> {
  const scans = new Map<number, ProcessResult>();
  const transforms = new Map<number, TransformResult>();
  const packageFacts = new Map<string, PackageFacts>();
  const place = new Map<number, { pkg: PackageWork; index: number; candidate: Candidate }>();
  const requests: ProcessRequest[] = [];
  const mode = options.transformOptions.scopeMode;
  const factsOf = (pkg: PackageWork): PackageFacts =>
    mergePackageFacts(relativePosix(pkg.root, pkg.dir), pkg.facts.filter((f): f is FileFacts => f !== undefined), mode, packages.versionsOf(pkg.dir));
  for (const pkg of work.values()) {
    [...pkg.targets, ...pkg.context].forEach((candidate, index) => {
      place.set(candidate.id, { pkg, index, candidate });
      if (candidate.readError === null) requests.push({ id: candidate.id, filePath: candidate.path, source: candidate.text, guess: null });
    });
  }
  const results: ProcessResults = { scans, transforms, packageFacts, reparsed: 0, interrupted: false };
  const ordered = orderForFacts(requests, (request) => request.source);
  const signal = options.signal;
  const aborted = (): boolean => signal?.aborted === true;
  if (requests.length === 0) return results;

  const isTarget = new Set(targets.map((c) => c.id));
  const guesses = new Map<number, PackageFacts>();
  const prepare = (request: ProcessRequest): ProcessRequest => {
    if (!isTarget.has(request.id)) return request;
    const pkg = (place.get(request.id) as { pkg: PackageWork }).pkg;
    pkg.known ??= factsOf(pkg);
    guesses.set(request.id, pkg.known);
    return { ...request, guess: pkg.known };
  };

  const processor = await createProcessor({
    selection: options.transform,
    transformOptions: options.transformOptions,
    workers: workerCountFor(requests.length, options.workers, options.workersExplicit),
    modules: options.modules,
  });
  try {
    listener({ type: 'phase', phase: 'scan' });
    await processor.process(
      ordered,
      prepare,
      (result) => {
        scans.set(result.id, result);
        const at = place.get(result.id);
        if (at && result.facts) {
          at.pkg.facts[at.index] = result.facts;
          at.pkg.known = withFileFacts(at.pkg.known ?? factsOf(at.pkg), result.facts, mode);
        }
        listener({ type: 'progress', phase: 'scan', done: scans.size, total: requests.length });
      },
      signal,
    );
    // Stopped before every package was scanned, no result can be trusted: none is kept.
    if (aborted()) return { ...results, interrupted: true };

    for (const pkg of work.values()) packageFacts.set(pkg.dir, factsOf(pkg));
    const again: TransformRequest[] = [];
    for (const candidate of targets) {
      const scan = scans.get(candidate.id);
      if (!scan || scan.error !== null) continue;
      const final = packageFacts.get(candidate.packageDir) as PackageFacts;
      const guess = guesses.get(candidate.id);
      const known = guess && scan.facts ? withFileFacts(guess, scan.facts, mode) : undefined;
      if (scan.transform && known && readsAgree(scan.transform.reads, known, final)) {
        const { output, findings, changedBy, error } = scan.transform;
        transforms.set(candidate.id, { id: candidate.id, output, findings, changedBy, error });
      } else {
        again.push({ id: candidate.id, filePath: candidate.path, source: candidate.text, packageFacts: final });
      }
    }
    results.reparsed = again.length;
    if (again.length > 0) {
      let done = 0;
      listener({ type: 'phase', phase: 'transform' });
      await processor.transform(
        again,
        (result) => {
          transforms.set(result.id, result);
          listener({ type: 'progress', phase: 'transform', done: ++done, total: again.length });
        },
        signal,
      );
    }
  } finally {
    await processor.close();
  }
  return { ...results, interrupted: aborted() };
}

function toFileResult(candidate: Candidate, scan: ProcessResult | undefined, transform: TransformResult | undefined): FileResult {
  const base: FileResult = {
    path: candidate.path,
    absolutePath: candidate.absolutePath,
    packagePath: '',
    status: 'skipped',
    transforms: [],
    findings: [],
    error: null,
    before: candidate.text,
    after: candidate.text,
    written: false,
  };
  const error = candidate.readError ?? scan?.error ?? transform?.error ?? null;
  if (error) return { ...base, status: 'error', error };
  // Only an interrupted run leaves a file untransformed.
  if (!transform) return { ...base, skipReason: 'interrupted' };
  const changed = transform.output !== null;
  return {
    ...base,
    status: changed ? 'changed' : 'unchanged',
    transforms: transform.changedBy,
    findings: transform.findings,
    after: transform.output ?? candidate.text,
  };
}

function summarisePackages(options: RunOptions, index: PackageIndex, work: Map<string, PackageWork>, facts: Map<string, PackageFacts>): PackageSummary[] {
  const summaries: PackageSummary[] = [];
  for (const pkg of work.values()) {
    const merged = facts.get(pkg.dir);
    summaries.push({
      path: relativePosix(pkg.root, pkg.dir),
      scopes: options.transformOptions.scopes ?? merged?.scopes ?? [],
      endpoints: merged?.endpoints ?? [],
      versions: merged?.versions ?? index.versionsOf(pkg.dir),
    });
  }
  return summaries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Writes every changed file, one at a time so a Ctrl-C between two files stops the rest. Without
 * --force, nothing is written when any of them has uncommitted changes in git, or lies in a git
 * work tree that git cannot answer for (not installed, or the repository refused).
 */
async function writeChanges(options: RunOptions, report: RunReport, listener: RunListener): Promise<void> {
  const changed = report.files.filter((f) => f.status === 'changed');
  if (changed.length === 0) return;
  const byTopLevel = new Map<string, FileResult[]>();
  const unknown: { file: FileResult; why: string }[] = [];
  for (const file of changed) {
    const state = gitGuardState(path.dirname(file.absolutePath));
    if (state.kind === 'none') {
      report.outsideGit.push(file.path);
    } else if (state.kind === 'unknown') {
      unknown.push({ file, why: state.why });
    } else {
      const group = byTopLevel.get(state.top) ?? [];
      group.push(file);
      byTopLevel.set(state.top, group);
    }
  }
  if (!options.force) {
    const reasons: string[] = [];
    if (unknown.length > 0) {
      report.refusedDirty.push(...unknown.map((u) => u.file.path));
      reasons.push(`git cannot tell whether they have uncommitted changes (${unknown[0].why})`);
    }
    let dirtyCount = 0;
    for (const [top, files] of byTopLevel) {
      let dirty: Set<string>;
      try {
        dirty = gitDirtyPaths(top, files.map((f) => relativePosix(top, f.absolutePath)));
      } catch (error) {
        report.refusedDirty.push(...files.map((f) => f.path));
        reasons.push(`git cannot tell whether they have uncommitted changes (${messageOf(error)})`);
        continue;
      }
      for (const file of files) {
        if (!dirty.has(relativePosix(top, file.absolutePath))) continue;
        report.refusedDirty.push(file.path);
        dirtyCount++;
      }
    }
    if (dirtyCount > 0) reasons.unshift('they have uncommitted changes (modified, staged, untracked or git-ignored)');
    if (report.refusedDirty.length > 0) {
      report.refusedBecause = reasons.join('; or ');
      return;
    }
  }
  listener({ type: 'phase', phase: 'write' });
  let done = 0;
  for (const file of changed) {
    if (options.signal?.aborted) {
      report.interrupted = true;
      markSkipped(file, 'interrupted');
      continue;
    }
    try {
      writeFileAtomic(file.absolutePath, file.after, file.before);
      file.written = true;
      listener({ type: 'written', path: file.path });
    } catch (error) {
      file.status = 'error';
      file.error = { message: `not written: ${messageOf(error)}` };
    }
    listener({ type: 'progress', phase: 'write', done: ++done, total: changed.length });
    // Lets a Ctrl-C handler run between two files; the write itself is never cut short.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function finish(report: RunReport, started: number): RunReport {
  for (const file of report.files) {
    if (file.status === 'changed') report.totals.changed++;
    else if (file.status === 'unchanged') report.totals.unchanged++;
    else if (file.status === 'error') report.totals.errors++;
    else if (file.status === 'skipped') report.totals.skipped++;
    for (const finding of file.findings) {
      if (severityOf(finding.code) === 'note') report.totals.notes++;
      else report.totals.findings++;
    }
  }
  report.elapsedMs = Math.round(performance.now() - started);
  return report;
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
