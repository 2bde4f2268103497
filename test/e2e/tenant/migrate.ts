import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './example-app';

export interface PackageReport {
  path: string;
  scopes: string[];
  endpoints: string[];
  flows: { status: string; scopes: string[]; sites: { file: string; line: number; role: string }[] }[];
}

/** The parts of the CLI's JSON report (version 1, DESIGN.md) these tests read. */
export interface CodemodReport {
  version: number;
  totals: { changed: number; errors: number; findings: number };
  packages: PackageReport[];
  files: { path: string; status: string; findings: { code: string; line: number; message: string }[] }[];
  /** not in the JSON: the folder the report's paths are relative to (the run root) */
  root: string;
}

export type Migrator = (dir: string, extraArgs?: readonly string[]) => CodemodReport;

const CLI_BIN = join(REPO_ROOT, 'bin', 'auth0-mgmt-codemod.js');

/** Runs the built CLI exactly as a user would: `auth0-mgmt-codemod all <dir> --json [extraArgs]`. */
export const migrateWithCli: Migrator = (dir, extraArgs = []) => {
  const run = spawnSync(process.execPath, [CLI_BIN, 'all', dir, '--json', ...extraArgs], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.error) throw run.error;
  if (run.status !== 0) {
    throw new Error(`auth0-mgmt-codemod exited with ${String(run.status)}:\n${run.stderr}\n${run.stdout}`);
  }
  const report = JSON.parse(run.stdout) as Omit<CodemodReport, 'root'>;
  if (report.version !== 1 || !Array.isArray(report.packages)) {
    throw new Error(`unexpected report from auth0-mgmt-codemod:\n${run.stdout}`);
  }
  // `dir` is in no git work tree and outside the cwd, so it is the run root the paths start from.
  return { ...report, root: dir };
};

/** How the e2e suites migrate their copy of the example: the real, built CLI. */
export const migrate: Migrator = migrateWithCli;

/** The report entry of the package at `dir` (report paths are relative to the run root). */
export function packageReport(report: CodemodReport, dir: string): PackageReport {
  const found = report.packages.find((p) => resolve(report.root, p.path) === resolve(dir));
  if (!found) {
    throw new Error(`no package ${dir} in the report: ${JSON.stringify(report.packages.map((p) => p.path))}`);
  }
  return found;
}
