import { lstatSync, realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import type { FileFacts } from '../analysis/facts';
import { mergePackageFacts, unionFileFacts, withFileFacts } from '../analysis/facts';
import type { PackageFacts } from '../types';
import { selectTransforms } from '../../transforms/index';
import { discover, endsWithSeparator, looksMinified, PathNotFoundError, relativePosix, runRootFor, type DiscoveredFile, type ListedSkip } from './discover';
import type { ProcessRequest, ProcessResult, TransformRequest, TransformResult } from './engine';
import { readsAgree } from './fact-reads';
import { orderForFacts } from './schedule';
import { answersAgree } from '../transform-kit';
import { buildPackagePlan, type PackagePlan } from '../plan/plan';
import type { PackageSite, SiteDecision } from '../plan/types';
import { gitDirtyPaths, gitGuardState } from './git';
import { PackageIndex } from './packages';
import { changedFilesSince, selectTargets } from './select';
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
  /** set once the package index is prepared (see assignPackages) */
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

  const changed =
    options.since === undefined
      ? undefined
      : changedFilesSince(
          searchPaths.map((p) => runRootFor(p, cwd, statSync(p).isDirectory())),
          options.since,
        );

  listener({ type: 'phase', phase: 'discover' });
  const discovery = discover({ cwd, paths: searchPaths, ignore: options.ignore });
  const skipped = discovery.skipped;
  skipped.symlink += linkedPaths.length;
  const packages = new PackageIndex();
  let nextId = 0;

  listener({ type: 'phase', phase: 'read' });
  const candidates: Candidate[] = [];
  const buffer = createReadBuffer();
  const tally: ReadTally = { scanned: 0, skipped, listed: [...linkedPaths, ...discovery.listed] };
  discovery.files.forEach((file, index) => {
    const candidate = readCandidate(file, packages, tally, buffer, nextId);
    if (candidate) {
      candidates.push(candidate);
      nextId++;
    }
    if ((index + 1) % READ_PROGRESS_EVERY === 0) {
      listener({ type: 'progress', phase: 'read', done: index + 1, total: discovery.files.length });
    }
  });

  await packages.prepare(candidates);
  for (const candidate of candidates) candidate.packageDir = packages.packageDirFor(candidate.absolutePath, candidate.root);
  // --package and --since narrow what is reported and written; the facts stay whole-package.
  // The files --since leaves out are transformed all the same (unreported): a package whose
  // migration reaches one of them is a flow that --since would cut in two (see heldBack).
  const { targets, context: unchangedSince } = selectTargets(candidates, { packageNames: options.packageNames, changed }, packages);
  const outside = unchangedSince.filter((c) => c.readError === null);

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
    heldBack: [],
    elapsedMs: 0,
  };
  if (targets.length === 0) {
    sortByPath(report.files);
    return finish(report, started);
  }

  const processed = [...targets, ...outside];
  const work = groupByPackage(processed);
  const readPaths = new Set(candidates.map((c) => c.absolutePath));
  for (const pkg of work.values()) {
    if (searchDirs.some((dir) => isInside(dir, pkg.dir))) continue;
    // The paths cover only part of this package: its other files still decide its scopes.
    const more = readPackageContext(pkg, readPaths, { cwd, ignore: options.ignore, packages, buffer }, nextId);
    pkg.context.push(...more);
    nextId += more.length;
  }

  const results = await scanAndTransform(options, packages, work, processed, listener);
  report.interrupted = results.interrupted;
  report.totals.reparsed = results.reparsed;

  for (const candidate of targets) {
    const result = toFileResult(candidate, results.scans.get(candidate.id), results.transforms.get(candidate.id));
    report.files.push({ ...result, packagePath: relativePosix(candidate.root, candidate.packageDir) });
  }
  sortByPath(report.files);
  report.heldBack = heldBackPackages(outside, results);
  // Stopped before the package scan finished, the scopes are unknown: better none than wrong ones.
  const scanned = results.packageFacts.size > 0;
  report.packages = scanned ? summarisePackages(packages, work, results.packageFacts, results.plans) : [];
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

/**
 * Packages whose migration also changes files outside the --since selection, with those files.
 * Writing only the selected part would migrate a flow in part (a Management call switched to an
 * access token its login does not request yet), so such packages are not written.
 */
function heldBackPackages(outside: readonly Candidate[], results: ProcessResults): NonNullable<RunReport['heldBack']> {
  const byPackage = new Map<string, string[]>();
  for (const candidate of outside) {
    if (results.transforms.get(candidate.id)?.output == null) continue;
    const packagePath = relativePosix(candidate.root, candidate.packageDir);
    byPackage.set(packagePath, [...(byPackage.get(packagePath) ?? []), candidate.path]);
  }
  return [...byPackage].sort(([a], [b]) => (a < b ? -1 : 1)).map(([packagePath, files]) => ({ packagePath, files: files.sort() }));
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
    packageDir: '',
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
  if (!passesPrefilter(buffer, outcome.length) && !MAY_HOLD_LOGIN_CONFIG.test(file.absolutePath)) return null;
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
  if (HTML_FILE.test(file.absolutePath)) packages.noteHtml(file.absolutePath, text);
  return candidate(text, null);
}

const HTML_FILE = /\.html?$/i;

/**
 * Modules a login config may import its values from though they name nothing Auth0 (a custom
 * domain, a client ID): `auth0-variables.js`, `auth0.config.ts`, Angular's environment files.
 * Read for their exported values (module-values.ts), so a custom domain there is not missed.
 */
const MAY_HOLD_LOGIN_CONFIG = /(?:^|[\\/])(?:[^\\/]*auth0[^\\/]*|environments[\\/]environment(?:\.[\w-]+)?)\.(?:[cm]?js|ts)$/i;

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
  pkg: PackageWork,
  readPaths: ReadonlySet<string>,
  context: { cwd: string; ignore: readonly string[]; packages: PackageIndex; buffer: Buffer },
  firstId: number,
): Candidate[] {
  const found: Candidate[] = [];
  const tally: ReadTally = { scanned: 0, skipped: emptySkipCounts(), listed: null };
  for (const file of discover({ cwd: context.cwd, paths: [pkg.dir], ignore: context.ignore }).files) {
    if (readPaths.has(file.absolutePath)) continue;
    if (context.packages.packageDirFor(file.absolutePath, file.root) !== pkg.dir) continue;
    const candidate = readCandidate(file, context.packages, tally, context.buffer, firstId + found.length);
    if (candidate && candidate.readError === null) found.push({ ...candidate, packageDir: pkg.dir });
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
  plans: Map<string, PackagePlan>;
  /** candidates parsed a second (or third) time (see fact-reads.ts and the plan) */
  reparsed: number;
  interrupted: boolean;
}

/** What a first run of a file found: its result, and the sites and decisions it was built on. */
type Speculation = Pick<TransformResult, 'output' | 'findings' | 'changedBy' | 'error' | 'sites' | 'answers'>;

/**
 * Parses every file once, reading its facts and transforming it with its package's facts as
 * known at that moment, every flow site acting; a file whose result depended on facts that
 * changed later is run again with the final facts (see fact-reads.ts). Then each package's
 * migration plan is built from the sites of all its files, and every file whose sites the plan
 * decides otherwise than the first run assumed is run again with the plan's decisions. The
 * results equal a scan of every package, a plan, and a transform of every file by the plan.
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
  const plans = new Map<string, PackagePlan>();
  const place = new Map<number, { pkg: PackageWork; index: number; candidate: Candidate }>();
  const requests: ProcessRequest[] = [];
  const mode = options.transformOptions.scopeMode;
  const factsOf = (pkg: PackageWork): PackageFacts =>
    mergePackageFacts(relativePosix(pkg.root, pkg.dir), pkg.facts.filter((f): f is FileFacts => f !== undefined), mode, packages.versionsOf(pkg.dir, pkg.root));
  for (const pkg of work.values()) {
    [...pkg.targets, ...pkg.context].forEach((candidate, index) => {
      place.set(candidate.id, { pkg, index, candidate });
      if (candidate.readError === null) requests.push({ id: candidate.id, filePath: candidate.path, source: candidate.text, guess: null });
    });
  }
  const results: ProcessResults = { scans, transforms, packageFacts, plans, reparsed: 0, interrupted: false };
  const ordered = orderForFacts(requests, (request) => request.source);
  const signal = options.signal;
  const aborted = (): boolean => signal?.aborted === true;
  if (requests.length === 0) return results;

  const isTarget = new Set(targets.map((c) => c.id));
  let scannedTargets = 0;
  const guesses = new Map<number, PackageFacts>();
  const prepare = (request: ProcessRequest): ProcessRequest => {
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
    const finalFacts = (id: number): PackageFacts => packageFacts.get((place.get(id) as { pkg: PackageWork }).pkg.dir) as PackageFacts;
    const parsedAgain = new Set<number>();
    const again = async (phase: TransformRequest[], onResult: (result: TransformResult) => void): Promise<void> => {
      if (phase.length === 0) return;
      // Progress counts the run's candidates, as the summary does: those not in this phase are done.
      let done = targets.length - phase.filter((request) => isTarget.has(request.id)).length;
      listener({ type: 'phase', phase: 'transform' });
      phase.forEach((request) => parsedAgain.add(request.id));
      await processor.transform(
        phase,
        (result) => {
          onResult(result);
          if (isTarget.has(result.id)) listener({ type: 'progress', phase: 'transform', done: ++done, total: targets.length });
        },
        signal,
      );
    };

    // 1. A first run that read facts which changed since is run again, for its sites.
    const speculations = new Map<number, Speculation>();
    const stale: TransformRequest[] = [];
    for (const [id, { candidate }] of place) {
      const scan = scans.get(id);
      if (!scan || scan.error !== null || !scan.transform) continue;
      const guess = guesses.get(id);
      const known = guess && scan.facts ? withFileFacts(guess, scan.facts, mode) : undefined;
      if (known && readsAgree(scan.transform.reads, known, finalFacts(id))) speculations.set(id, scan.transform);
      else stale.push({ id, filePath: candidate.path, source: candidate.text, packageFacts: finalFacts(id) });
    }
    await again(stale, (result) => speculations.set(result.id, result));
    if (aborted()) return { ...results, interrupted: true };

    // 2. Each package's plan, from the sites of all of its files.
    const selected = (options.modules ?? selectTransforms(options.transform)).map((m) => m.meta.id);
    for (const pkg of work.values()) {
      const sites: PackageSite[] = [];
      for (const candidate of [...pkg.targets, ...pkg.context]) {
        for (const site of speculations.get(candidate.id)?.sites ?? []) sites.push({ ...site, file: candidate.path });
      }
      const facts = packageFacts.get(pkg.dir) as PackageFacts;
      plans.set(pkg.dir, buildPackagePlan({ sites, methodEndpoints: facts.methodEndpoints ?? [], options: options.transformOptions, selected, packageScan: true }));
    }

    // 3. A target whose first run acted otherwise than its plan decides is run by the plan.
    const byPlan: TransformRequest[] = [];
    for (const candidate of targets) {
      const speculation = speculations.get(candidate.id);
      if (!speculation) continue;
      const plan = plans.get(candidate.packageDir) as PackagePlan;
      const decide = (key: string): SiteDecision => plan.decision(candidate.path, key);
      if (answersAgree(speculation.answers, decide)) {
        transforms.set(candidate.id, { id: candidate.id, ...speculation });
        continue;
      }
      const decisions: Record<string, SiteDecision> = {};
      for (const site of speculation.sites) decisions[site.key] = decide(site.key);
      byPlan.push({ id: candidate.id, filePath: candidate.path, source: candidate.text, packageFacts: finalFacts(candidate.id), decisions });
    }
    await again(byPlan, (result) => transforms.set(result.id, result));

    // 4. Notes about the flows that are migrated (or already were).
    for (const candidate of targets) {
      const result = transforms.get(candidate.id);
      const plan = plans.get(candidate.packageDir);
      if (!result || !plan) continue;
      const notes = plan.notes.filter((note) => note.file === candidate.path && selected.includes(note.transform));
      if (notes.length === 0) continue;
      result.findings = [...result.findings, ...notes.map(({ code, transform, line, column, message }) => ({ code, transform, line, column, message }))].sort(
        (a, b) => a.line - b.line || a.column - b.column,
      );
    }
    results.reparsed = [...parsedAgain].filter((id) => isTarget.has(id)).length;
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

function summarisePackages(index: PackageIndex, work: Map<string, PackageWork>, facts: Map<string, PackageFacts>, plans: Map<string, PackagePlan>): PackageSummary[] {
  const summaries: PackageSummary[] = [];
  for (const pkg of work.values()) {
    const merged = facts.get(pkg.dir);
    const plan = plans.get(pkg.dir);
    const logins = unionFileFacts(pkg.facts.filter((f): f is FileFacts => f !== undefined));
    summaries.push({
      path: relativePosix(pkg.root, pkg.dir),
      name: index.nameOf(pkg.dir),
      scopes: plan?.scopes ?? [],
      endpoints: merged?.endpoints ?? [],
      versions: merged?.versions ?? index.versionsOf(pkg.dir, pkg.root),
      clientIds: logins.clientIds,
      tenantHosts: logins.tenantHosts,
      embeddedLogin: logins.embeddedLogin,
      flows: plan?.flows ?? [],
    });
  }
  return summaries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * What a write run must do about the given files before writing any: which to refuse without
 * --force, and why (uncommitted changes in git, or a git work tree git cannot answer for: not
 * installed, or the repository refused), and which lie outside any git work tree (written, with
 * a warning that there is no copy to go back to).
 */
export function writeGuard(files: readonly FileResult[]): { refused: string[]; reasons: string[]; outsideGit: string[] } {
  const byTopLevel = new Map<string, FileResult[]>();
  const unknown: { file: FileResult; why: string }[] = [];
  const outsideGit: string[] = [];
  for (const file of files) {
    const state = gitGuardState(path.dirname(file.absolutePath));
    if (state.kind === 'none') {
      outsideGit.push(file.path);
    } else if (state.kind === 'unknown') {
      unknown.push({ file, why: state.why });
    } else {
      const group = byTopLevel.get(state.top) ?? [];
      group.push(file);
      byTopLevel.set(state.top, group);
    }
  }
  const refused: string[] = unknown.map((u) => u.file.path);
  const reasons: string[] = unknown.length > 0 ? [`git cannot tell whether they have uncommitted changes (${unknown[0].why})`] : [];
  let dirtyCount = 0;
  for (const [top, group] of byTopLevel) {
    let dirty: Set<string>;
    try {
      dirty = gitDirtyPaths(top, group.map((f) => relativePosix(top, f.absolutePath)));
    } catch (error) {
      refused.push(...group.map((f) => f.path));
      reasons.push(`git cannot tell whether they have uncommitted changes (${messageOf(error)})`);
      continue;
    }
    for (const file of group) {
      if (!dirty.has(relativePosix(top, file.absolutePath))) continue;
      refused.push(file.path);
      dirtyCount++;
    }
  }
  if (dirtyCount > 0) reasons.unshift('they have uncommitted changes (modified, staged, untracked or git-ignored)');
  return { refused, reasons, outsideGit };
}

/**
 * Writes every changed file, one at a time so a Ctrl-C between two files stops the rest. Without
 * --force, nothing is written when any of them has uncommitted changes in git. Exported for the
 * interactive review, which writes a dry run's results once a person has accepted them.
 */
export async function writeChanges(options: Pick<RunOptions, 'force' | 'signal'>, report: RunReport, listener: RunListener): Promise<void> {
  const held = new Set((report.heldBack ?? []).map((h) => h.packagePath));
  const changed = report.files.filter((f) => f.status === 'changed' && !held.has(f.packagePath));
  if (changed.length === 0) return;
  const guard = writeGuard(changed);
  report.outsideGit.push(...guard.outsideGit);
  if (!options.force) {
    report.refusedDirty.push(...guard.refused);
    if (guard.refused.length > 0) {
      report.refusedBecause = guard.reasons.join('; or ');
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
