import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import type { JsonReportV1 } from '../../src/reporter/json';
import { git, makeTempDir } from '../cli/helpers';

/** Shared by the end-to-end tests that run the built CLI (`node bin/auth0-mgmt-codemod.js`). */

export const PROJECT = path.resolve(__dirname, '..', '..');
/** The CLI under test; AMC_E2E_BIN points the end-to-end tests at another build (e.g. main's, to see a test fail there). */
export const BIN = process.env.AMC_E2E_BIN ?? path.join(PROJECT, 'bin', 'auth0-mgmt-codemod.js');
export const FIXTURES = path.join(PROJECT, '__testfixtures__');

/** `npm test` builds first; a test file run alone builds when dist/ is missing. */
export function ensureBuilt(): void {
  if (existsSync(path.join(PROJECT, 'dist', 'src', 'cli', 'main.js'))) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: PROJECT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI and waits for it. A run that outlives `timeoutMs` is killed and comes back with a
 * null code, so a hang fails its test instead of stalling the suite.
 */
export function runCliWithin(timeoutMs: number, cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...outsideGitHubActions(process.env), NO_COLOR: '1', ...env },
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function cli(cwd: string, ...args: string[]): CliResult {
  return runCliWithin(120_000, cwd, args);
}

/** The CLI with these environment variables set (e.g. those of a GitHub Actions runner). */
export function cliWithEnv(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): CliResult {
  return runCliWithin(120_000, cwd, args, env);
}

/**
 * The environment without GitHub Actions' variables: the suite itself may run on GitHub
 * Actions, and the CLI then annotates and appends to the job summary.
 */
export function outsideGitHubActions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of Object.keys(copy)) if (name.startsWith('GITHUB_')) delete copy[name];
  return copy;
}

export function jsonReport(result: CliResult): JsonReportV1 {
  return JSON.parse(result.stdout) as JsonReportV1;
}

/** The findings of a dry run of `all` on the whole folder, each with the file it is in. */
export function dryRunFindings(cwd: string) {
  return jsonReport(cli(cwd, '.', '--dry', '--json')).files.flatMap((file) => file.findings.map((f) => ({ ...f, file: file.path })));
}

export function read(dir: string, rel: string): string {
  return readFileSync(path.join(dir, ...rel.split('/')), 'utf8');
}

/** Tracked files with uncommitted changes, sorted. */
export function modifiedFiles(dir: string): string[] {
  return git(dir, 'diff', '--name-only').split('\n').filter(Boolean).sort();
}

/** Applies a patch with plain `git apply` in `dir` (the patch file lives outside the tree). */
export function gitApply(dir: string, patch: string): void {
  const file = path.join(makeTempDir('amc-patch-'), 'change.patch');
  writeFileSync(file, patch);
  const applied = spawnSync('git', ['apply', file], { cwd: dir, encoding: 'utf8' });
  expect(applied.status, applied.stderr).toBe(0);
}

export interface Hunk {
  header: string;
  oldStart: number;
  newStart: number;
  /** context and removed lines, without their one-character prefix */
  oldLines: string[];
  /** context and added lines, without their one-character prefix */
  newLines: string[];
}

/**
 * The hunks of a one-file unified diff. Lines keep a CR of their own (a CRLF file's lines), so
 * they compare with `splitLines` of the file's text.
 */
export function parseHunks(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  for (const line of patch.split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      current = { header: header[0], oldStart: Number(header[1]), newStart: Number(header[2]), oldLines: [], newLines: [] };
      hunks.push(current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith(' ')) {
      current.oldLines.push(line.slice(1));
      current.newLines.push(line.slice(1));
    } else if (line.startsWith('-')) {
      current.oldLines.push(line.slice(1));
    } else if (line.startsWith('+')) {
      current.newLines.push(line.slice(1));
    }
  }
  return hunks;
}

/** A text's lines as a diff shows them: split at LF, a CR kept on its line. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Every hunk's old side is the `before` text at the hunk's line numbers and its new side the
 * `after` text at its own: the numbers in the header are lines of the file the diff is about.
 */
export function expectHunksAtFileLines(patch: string, before: string, after: string): void {
  const hunks = parseHunks(patch);
  expect(hunks.length).toBeGreaterThan(0);
  const oldFile = splitLines(before);
  const newFile = splitLines(after);
  for (const hunk of hunks) {
    expect(oldFile.slice(hunk.oldStart - 1, hunk.oldStart - 1 + hunk.oldLines.length), hunk.header).toEqual(hunk.oldLines);
    expect(newFile.slice(hunk.newStart - 1, hunk.newStart - 1 + hunk.newLines.length), hunk.header).toEqual(hunk.newLines);
  }
}

/** 1-based line of the first occurrence of `needle` in `text` (the container's own numbering). */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`not found: ${needle}`);
  return text.slice(0, index).split('\n').length;
}
