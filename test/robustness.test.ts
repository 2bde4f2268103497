import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayNeedMigration } from '../src/analysis/prefilter';
import { BUILD_OUTPUT_DIRS, DEPENDENCY_DIRS } from '../src/runner/discover';
import { ParseError, parseWithFallback } from '../src/runner/parser';
import jscodeshift from 'jscodeshift';
import { TRANSFORMS } from '../transforms/index';
import type { JsonReportV1 } from '../src/reporter/json';
import { git, makeRepo, makeTempDir, removeTempDirs } from './cli/helpers';
import { cli, ensureBuilt, jsonReport, PROJECT, type CliResult } from './e2e/helpers';
import { runOnSource } from './helpers/fixtures';

/**
 * Real third-party code the codemod has never seen: the JavaScript and TypeScript that ships in
 * this project's own node_modules, copied into a temporary folder (so it is neither a dependency
 * folder nor ignored) and run through the built CLI. None of it is Auth0 client code, so nothing
 * may change; the run must not crash, and every error must be a parse error with a position.
 * The figures are printed for the record. Files that mention Auth0 (auth0-js itself) are kept out
 * of the copy and instead run through the transforms directly: whatever they produce must parse.
 */

const NODE_MODULES = realpathSync(path.join(PROJECT, 'node_modules'));
const SOURCE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx']);
const MAX_BYTES = 1024 * 1024;
/**
 * Almost no third-party file passes the pre-filter, so the CLI would parse almost nothing. A
 * sample of this many files is therefore copied a second time with an `auth0` comment appended,
 * which makes every file of it a candidate that is parsed, scanned and transformed. The sample
 * is spread evenly over the sorted list, so it covers every package; its size keeps the run to
 * seconds.
 */
const PARSED_SAMPLE_FILES = 1000;
const TAG = '\n// auth0 (robustness test: makes this file pass the pre-filter)\n';

interface Source {
  /** path below node_modules, `/`-separated, with folder names a walk would skip renamed */
  rel: string;
  text: string;
}

/** Folder names the codemod leaves out (dependencies, build output, dot-folders) get a prefix. */
function safeSegment(segment: string, isDirectory: boolean): string {
  const skipped = DEPENDENCY_DIRS.has(segment) || BUILD_OUTPUT_DIRS.has(segment) || segment.startsWith('.');
  return (isDirectory && skipped) || (!isDirectory && segment.startsWith('.')) ? `x-${segment.replace(/^\.+/, '')}` : segment;
}

/** Every source file under node_modules (sorted), split into Auth0-free ones and the ones that mention Auth0. */
function collectSources(): { clean: Source[]; mentions: Source[] } {
  const clean: Source[] = [];
  const mentions: Source[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, relDirs: string[]): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.bin') walk(full, [...relDirs, safeSegment(entry.name, true)]);
        continue;
      }
      if (!entry.isFile() || !SOURCE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
      const size = statSync(full).size;
      if (size === 0 || size > MAX_BYTES) continue;
      const text = readFileSync(full, 'utf8');
      const rel = [...relDirs, safeSegment(entry.name, false)].join('/');
      if (/auth0/i.test(text) || /auth0/i.test(rel)) {
        // auth0-js ships the same bundle under build/ and dist/; once is enough.
        const digest = createHash('sha1').update(text).digest('hex');
        if (!seen.has(digest) && mayNeedMigration(text)) mentions.push({ rel, text });
        seen.add(digest);
        continue;
      }
      clean.push({ rel, text });
    }
  };
  walk(NODE_MODULES, []);
  return { clean, mentions };
}

function writeSources(root: string, sources: readonly Source[], transform: (text: string) => string = (t) => t): void {
  for (const source of sources) {
    const target = path.join(root, ...source.rel.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, transform(source.text));
  }
}

/** About `count` files spread evenly over the list. */
function evenSample(sources: readonly Source[], count: number): Source[] {
  const stride = Math.max(1, sources.length / count);
  const sample: Source[] = [];
  for (let i = 0; i < sources.length; i += stride) sample.push(sources[Math.floor(i)]);
  return sample;
}

interface RunFigures {
  scanned: number;
  candidates: number;
  parseErrors: Record<string, number>;
  crashes: string[];
  changed: number;
}

const POSITIONED = /^(\d+):(\d+) (.+)$/;

/** The run's figures; every error must be a parse error with a position, anything else is a crash. */
function figuresOf(result: CliResult): RunFigures {
  const crashes: string[] = [];
  if (result.code !== 0 && result.code !== 2) crashes.push(`exit code ${result.code}: ${result.stderr.slice(-2000)}`);
  if (result.stderr.includes('internal error')) crashes.push(result.stderr.slice(-2000));
  let report: JsonReportV1;
  try {
    report = jsonReport(result);
  } catch (error) {
    crashes.push(`no JSON report: ${String(error)}`);
    return { scanned: 0, candidates: 0, parseErrors: {}, crashes, changed: 0 };
  }
  const parseErrors: Record<string, number> = {};
  for (const file of report.files) {
    if (file.status !== 'error') continue;
    const match = POSITIONED.exec(file.error ?? '');
    if (!match || file.path === '') {
      crashes.push(`${file.path}: ${file.error}`);
      continue;
    }
    const kind = `${path.extname(file.path)}: ${match[3]}`;
    parseErrors[kind] = (parseErrors[kind] ?? 0) + 1;
  }
  return { scanned: report.totals.scanned, candidates: report.totals.candidates, parseErrors, crashes, changed: report.totals.changed };
}

function printFigures(label: string, figures: RunFigures): void {
  const errors = Object.values(figures.parseErrors).reduce((a, b) => a + b, 0);
  console.log(
    [
      `robustness (${label}): files scanned ${figures.scanned}, parsed ${figures.candidates}, parse errors ${errors}, crashes ${figures.crashes.length}, files changed ${figures.changed}`,
      ...Object.entries(figures.parseErrors).map(([kind, count]) => `  parse errors: ${count} × ${kind}`),
      ...figures.crashes.map((crash) => `  crash: ${crash}`),
    ].join('\n'),
  );
}

let sources: { clean: Source[]; mentions: Source[] };

beforeAll(() => {
  ensureBuilt();
  sources = collectSources();
}, 120_000);
afterAll(removeTempDirs);

describe('robustness on real third-party code', () => {
  it('scans thousands of files without a crash, an unpositioned error or a change (--json --dry)', () => {
    expect(sources.clean.length).toBeGreaterThan(3000);
    const root = makeTempDir('amc-robustness-');
    writeSources(path.join(root, 'corpus'), sources.clean);
    const result = cli(root, 'corpus', '--json', '--dry');
    const figures = figuresOf(result);
    const megabytes = (sources.clean.reduce((sum, source) => sum + source.text.length, 0) / (1024 * 1024)).toFixed(1);
    printFigures(`${sources.clean.length} files (${megabytes} MiB) as shipped`, figures);
    expect(figures.crashes).toEqual([]);
    expect(figures.scanned).toBeGreaterThan(3000);
    expect(figures.changed).toBe(0);
    expect(result.stdout).not.toContain('"patch": "diff');
  });

  it('parses, scans and transforms a sample made to pass the pre-filter, and writes nothing (write run in git)', () => {
    // Declaration files and `*.min.*` names are left out by discovery; sampling them would parse nothing.
    const readable = sources.clean.filter((source) => !/\.d\.[cm]?ts$|\.min\.[cm]?js$/i.test(source.rel));
    const sample = evenSample(readable, PARSED_SAMPLE_FILES);
    const files: Record<string, string> = {};
    for (const source of sample) files[`sample/${source.rel}`] = source.text + TAG;
    const repo = makeRepo(files, 'amc-robustness-git-');

    const result = cli(repo, '.', '--json');
    const figures = figuresOf(result);
    printFigures(`${sample.length} files made candidates`, figures);
    expect(figures.crashes).toEqual([]);
    expect(figures.scanned).toBe(sample.length);
    // Only files whose content looks minified are left unparsed.
    expect(figures.candidates).toBeGreaterThan(sample.length * 0.95);
    expect(figures.changed).toBe(0);
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('the transforms run directly on every file that mentions Auth0 produce code that still parses', () => {
    const copiedMentions = sources.clean.filter((source) => mayNeedMigration(source.text));
    const targets = [...copiedMentions, ...sources.mentions];
    expect(sources.mentions.length).toBeGreaterThan(10);
    const outcome = { unchanged: 0, changed: [] as string[], parseErrors: [] as string[], crashes: [] as string[] };
    for (const source of targets) {
      try {
        parseWithFallback(jscodeshift, source.rel, source.text);
      } catch (error) {
        if (error instanceof ParseError) {
          outcome.parseErrors.push(`${source.rel}:${error.line}:${error.column} ${error.message}`);
          continue;
        }
        throw error;
      }
      let output: string | null;
      try {
        output = runOnSource(TRANSFORMS, source.rel, source.text).output;
      } catch (error) {
        outcome.crashes.push(`${source.rel}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (output === null) {
        outcome.unchanged++;
        continue;
      }
      outcome.changed.push(source.rel);
      expect(() => parseWithFallback(jscodeshift, source.rel, output), source.rel).not.toThrow();
    }
    console.log(
      [
        `robustness (transforms run directly): ${targets.length} files mention Auth0 (${copiedMentions.length} among the copied ones), ` +
          `${outcome.unchanged} unchanged, ${outcome.changed.length} changed (output parses), ${outcome.parseErrors.length} parse errors, ${outcome.crashes.length} crashes`,
        ...outcome.changed.map((rel) => `  changed: ${rel}`),
        ...outcome.parseErrors.map((e) => `  parse error: ${e}`),
        ...outcome.crashes.map((e) => `  crash: ${e}`),
      ].join('\n'),
    );
    expect(outcome.crashes).toEqual([]);
  });
});

interface LegacyCorpus {
  files: { path: string; shape: string }[];
  byShape: Record<string, number>;
}

const { generateLegacyCorpus } = createRequire(__filename)(path.join(PROJECT, 'bench', 'lib', 'legacy-corpus.js')) as {
  generateLegacyCorpus: (root: string, count: number, seed?: number) => LegacyCorpus;
};

describe('generated legacy code run twice', () => {
  it('the first run migrates every file and the second changes nothing', () => {
    const repo = makeRepo({}, 'amc-legacy-');
    const corpus = generateLegacyCorpus(repo, 240, 20180331);
    expect(Object.keys(corpus.byShape).sort()).toEqual(['authorize-url', 'lock', 'token-request', 'ts-service', 'vue', 'webauth-management']);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'legacy');

    const first = cli(repo, '.', '--json');
    expect(first.code, first.stderr).toBe(0);
    expect(jsonReport(first).totals).toMatchObject({ candidates: 240, changed: 240, errors: 0 });
    git(repo, 'commit', '-qam', 'migrated');

    const second = cli(repo, '.', '--json');
    expect(second.code, second.stderr).toBe(0);
    expect(jsonReport(second).totals).toMatchObject({ candidates: 240, changed: 0, unchanged: 240, errors: 0 });
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });
});
