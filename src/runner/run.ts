import { realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import type { FileFacts } from '../analysis/facts';
import { mergePackageFacts, unionFileFacts, withFileFacts } from '../analysis/facts';
import type { PackageFacts } from '../types';
import { selectTransforms } from '../../transforms/index';
import { discover, endsWithSeparator, looksMinified, PathNotFoundError, relativePosix, type DiscoveredFile } from './discover';
import type { ProcessRequest, ProcessResult, TransformRequest, TransformResult } from './engine';
import { readsAgree } from './fact-reads';
import { orderForFacts } from './schedule';
import { gitDirtyPaths, gitTopLevel } from './git';
import { PackageIndex } from './packages';
import { passesPrefilter } from './quick-filter';
import { createReadBuffer, readSourceFile } from './read';
import { createProcessor, workerCountFor } from './pool';
import {
  emptySkipCounts,
  type FileError,
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
  /** relative to cwd, `/`-separated */
  path: string;
  packageDir: string;
  text: string;
  /** set when the file could not be read as UTF-8 text */
  readError: FileError | null;
}

/** What reading the discovered files counted. */
interface ReadTally {
  /** files read and pre-filtered */
  scanned: number;
  skipped: SkipCounts;
}

interface PackageWork {
  dir: string;
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
  const searchPaths = options.paths.map((given) => {
    let real: string;
    try {
      real = realpathSync(path.resolve(cwd, given));
    } catch {
      throw new PathNotFoundError(given);
    }
    if (endsWithSeparator(given) && !statSync(real).isDirectory()) throw new PathNotFoundError(given, 'not a directory');
    return real;
  });
  const searchDirs = searchPaths.filter((p) => statSync(p).isDirectory());

  listener({ type: 'phase', phase: 'discover' });
  const discovery = discover({ cwd, paths: searchPaths, ignore: options.ignore });
  const skipped = discovery.skipped;
  const packages = new PackageIndex();
  let nextId = 0;

  listener({ type: 'phase', phase: 'read' });
  const targets: Candidate[] = [];
  const buffer = createReadBuffer();
  const tally: ReadTally = { scanned: 0, skipped };
  discovery.files.forEach((file, index) => {
    const candidate = readCandidate(file, cwd, packages, tally, buffer, nextId);
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
    totals: { scanned: tally.scanned, candidates: targets.length, changed: 0, unchanged: 0, errors: 0, findings: 0, notes: 0, reparsed: 0 },
    skipped,
    packages: [],
    files: [],
    interrupted: false,
    refusedDirty: [],
    outsideGit: [],
    elapsedMs: 0,
  };
  if (targets.length === 0) return finish(report, started);

  const work = groupByPackage(targets);
  const targetPaths = new Set(targets.map((c) => c.absolutePath));
  for (const pkg of work.values()) {
    if (searchDirs.some((dir) => isInside(dir, pkg.dir))) continue;
    // The paths cover only part of this package: its other files still decide its scopes.
    pkg.context = readPackageContext(pkg.dir, targetPaths, { cwd, ignore: options.ignore, packages, buffer }, nextId);
    nextId += pkg.context.length;
  }

  const results = await scanAndTransform(options, cwd, packages, work, targets, listener);
  report.interrupted = results.interrupted;
  report.totals.reparsed = results.reparsed;

  for (const candidate of targets) {
    const result = toFileResult(candidate, results.scans.get(candidate.id), results.transforms.get(candidate.id));
    report.files.push({ ...result, packagePath: relativePosix(cwd, candidate.packageDir) });
  }
  report.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Stopped before the package scan finished, the scopes are unknown: better none than wrong ones.
  const scanned = results.packageFacts.size > 0;
  report.packages = scanned ? summarisePackages(options, packages, work, results.packageFacts, cwd) : [];

  if (options.mode === 'write' && !report.interrupted) await writeChanges(options, report, listener);
  if (report.interrupted && options.mode === 'write') {
    // Computed but never written: the report must not claim them.
    for (const file of report.files) if (file.status === 'changed' && !file.written) file.status = 'skipped';
  }
  if (report.interrupted) listener({ type: 'interrupted' });
  return finish(report, started);
}

function readCandidate(
  file: DiscoveredFile,
  cwd: string,
  packages: PackageIndex,
  tally: ReadTally,
  buffer: Buffer,
  id: number,
): Candidate | null {
  const outcome = readSourceFile(file.absolutePath, buffer);
  const candidate = (text: string, readError: FileError | null): Candidate => ({
    id,
    absolutePath: file.absolutePath,
    path: relativePosix(cwd, file.absolutePath),
    packageDir: packages.packageDirFor(file.absolutePath, file.root),
    text,
    readError,
  });
  switch (outcome.kind) {
    case 'symlink':
      tally.skipped.symlink++;
      return null;
    case 'too-large':
      tally.skipped['too-large']++;
      return null;
    case 'absent':
      return null;
    case 'special':
      return candidate('', { message: 'not a regular file (a named pipe, socket or device); nothing to migrate' });
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
    return null;
  }
  if (!isUtf8(bytes)) return candidate('', { message: 'not UTF-8 text; convert it to UTF-8 or leave it out with --ignore' });
  const text = bytes.toString('utf8');
  if (looksMinified(text)) {
    tally.skipped.minified++;
    return null;
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
  const tally: ReadTally = { scanned: 0, skipped: emptySkipCounts() };
  for (const file of discover({ cwd: context.cwd, paths: [packageDir], ignore: context.ignore }).files) {
    if (targetPaths.has(file.absolutePath)) continue;
    if (context.packages.packageDirFor(file.absolutePath, file.root) !== packageDir) continue;
    const candidate = readCandidate(file, context.cwd, context.packages, tally, context.buffer, firstId + found.length);
    if (candidate && candidate.readError === null) found.push(candidate);
  }
  return found;
}

function groupByPackage(targets: readonly Candidate[]): Map<string, PackageWork> {
  const work = new Map<string, PackageWork>();
  for (const candidate of targets) {
    let pkg = work.get(candidate.packageDir);
    if (!pkg) {
      pkg = { dir: candidate.packageDir, targets: [], context: [], facts: [], known: null };
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
  cwd: string,
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
    mergePackageFacts(relativePosix(cwd, pkg.dir), pkg.facts.filter((f): f is FileFacts => f !== undefined), mode, packages.versionsOf(pkg.dir));
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
  let scannedTargets = 0;
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
        // Progress counts candidates, as the summary does: files read only for their package's
        // facts are not among them.
        if (isTarget.has(result.id)) listener({ type: 'progress', phase: 'scan', done: ++scannedTargets, total: targets.length });
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
      // The candidates whose first result stands are done already.
      let done = targets.length - again.length;
      listener({ type: 'phase', phase: 'transform' });
      await processor.transform(
        again,
        (result) => {
          transforms.set(result.id, result);
          listener({ type: 'progress', phase: 'transform', done: ++done, total: targets.length });
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
  if (!transform) return base;
  const changed = transform.output !== null;
  return {
    ...base,
    status: changed ? 'changed' : 'unchanged',
    transforms: transform.changedBy,
    findings: transform.findings,
    after: transform.output ?? candidate.text,
  };
}

function summarisePackages(
  options: RunOptions,
  index: PackageIndex,
  work: Map<string, PackageWork>,
  facts: Map<string, PackageFacts>,
  cwd: string,
): PackageSummary[] {
  const summaries: PackageSummary[] = [];
  for (const pkg of work.values()) {
    const merged = facts.get(pkg.dir);
    const logins = unionFileFacts(pkg.facts.filter((f): f is FileFacts => f !== undefined));
    const name = index.nameOf(pkg.dir);
    summaries.push({
      path: relativePosix(cwd, pkg.dir),
      scopes: options.transformOptions.scopes ?? merged?.scopes ?? [],
      endpoints: merged?.endpoints ?? [],
      versions: merged?.versions ?? index.versionsOf(pkg.dir),
      ...(name !== undefined ? { name } : {}),
      clientIds: logins.clientIds,
      tenantHosts: logins.tenantHosts,
      embeddedLogin: logins.embeddedLogin,
    });
  }
  return summaries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Writes every changed file, one at a time so a Ctrl-C between two files stops the rest. Without
 * --force, nothing is written when any of them has uncommitted changes in git.
 */
async function writeChanges(options: RunOptions, report: RunReport, listener: RunListener): Promise<void> {
  const changed = report.files.filter((f) => f.status === 'changed');
  if (changed.length === 0) return;
  const byTopLevel = new Map<string, FileResult[]>();
  for (const file of changed) {
    const top = gitTopLevel(path.dirname(file.absolutePath));
    if (top === null) {
      report.outsideGit.push(file.path);
      continue;
    }
    const group = byTopLevel.get(top) ?? [];
    group.push(file);
    byTopLevel.set(top, group);
  }
  if (!options.force) {
    for (const [top, files] of byTopLevel) {
      const dirty = gitDirtyPaths(top, files.map((f) => relativePosix(top, f.absolutePath)));
      for (const file of files) if (dirty.has(relativePosix(top, file.absolutePath))) report.refusedDirty.push(file.path);
    }
    if (report.refusedDirty.length > 0) return;
  }
  listener({ type: 'phase', phase: 'write' });
  let done = 0;
  for (const file of changed) {
    if (options.signal?.aborted) {
      report.interrupted = true;
      file.status = 'skipped';
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
