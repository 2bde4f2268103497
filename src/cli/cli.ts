import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readTransformOptions } from '../transform-kit';
import { meta as allMeta } from '../../transforms/all';
import { TRANSFORMS } from '../../transforms/index';
import { PathNotFoundError, UnsupportedFileError } from '../runner/discover';
import { run } from '../runner/run';
import { SelectionError } from '../runner/select';
import type { RunMode, RunReport } from '../runner/types';
import { EXIT_ERROR, EXIT_OK, exitCodeFor } from '../reporter/exit-code';
import { ProgressLine } from '../reporter/progress';
import { colorEnabled, createStyle } from '../reporter/style';
import { formatDirtyRefusal, formatNextSteps, formatSummary, isComplete } from '../reporter/text';
import { parseCommandLine, UsageError, type RunArguments } from './args';
import { formatHeldBack, markdownOptions, reportContext, reportToGitHub, reviewAndWrite, withoutPackages } from './ci-output';

export interface OutputStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Everything the command line touches outside itself, so tests can run it in-process. */
export interface CliEnvironment {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** answers for --interactive */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  defaultWorkers: number;
  /** aborted on Ctrl-C */
  signal?: AbortSignal;
}

/** Runs one command line and returns its exit code; prints, but never exits. */
export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const errorStyle = createStyle(colorEnabled(environment.stderr, environment.env));
  let command;
  try {
    command = parseCommandLine(argv, {
      cwd: environment.cwd,
      version: packageVersion(),
      defaultWorkers: environment.defaultWorkers,
      columns: environment.stdout.columns,
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    environment.stderr.write(`${errorStyle.red('error:')} ${error.message}\nRun auth0-mgmt-codemod --help for usage.\n`);
    return EXIT_ERROR;
  }
  switch (command.kind) {
    case 'output':
      environment.stdout.write(command.text);
      return EXIT_OK;
    case 'list':
      environment.stdout.write(formatList());
      return EXIT_OK;
    case 'run':
      return runMigration(command.args, environment);
  }
}

function formatList(): string {
  const rows = [allMeta, ...TRANSFORMS.map((t) => t.meta)].map((m) => [m.id, m.description] as const);
  const width = Math.max(...rows.map(([id]) => id.length));
  const lines = rows.map(([id, description]) => `  ${id.padEnd(width)}  ${description}${id === allMeta.id ? ' (default)' : ''}`);
  return `Transforms (auth0-mgmt-codemod <transform> [paths..]):\n${lines.join('\n')}\n`;
}

function modeOf(args: RunArguments): RunMode {
  // An interactive run computes like a dry run, then writes what the review accepted.
  if (args.dry || args.interactive) return 'dry';
  if (args.check) return 'check';
  return 'write';
}

async function runMigration(args: RunArguments, environment: CliEnvironment): Promise<number> {
  const { stdout, stderr, env } = environment;
  const errorStyle = createStyle(colorEnabled(stderr, env));
  if (args.interactive && !(environment.stdin?.isTTY === true && stdout.isTTY === true)) {
    stderr.write(`${errorStyle.red('error:')} --interactive asks about each hunk and needs a terminal; without one, review the patch of --dry and apply it with git apply\n`);
    return EXIT_ERROR;
  }
  const progress = new ProgressLine(stderr);
  let report: RunReport;
  try {
    report = await run(
      {
        cwd: environment.cwd,
        paths: args.paths,
        transform: args.transform,
        mode: modeOf(args),
        transformOptions: readTransformOptions({
          scopeMode: args.scopeMode,
          todoComments: args.todoComments,
          ...(args.audience !== undefined ? { audience: args.audience } : {}),
          ...(args.scopes !== undefined ? { scopes: args.scopes } : {}),
          ...(args.allowAudienceHosts !== undefined ? { allowAudienceHost: args.allowAudienceHosts } : {}),
        }),
        ignore: args.ignore,
        workers: args.workers,
        workersExplicit: args.workersExplicit,
        force: args.force,
        signal: environment.signal,
        packageNames: args.packages,
        ...(args.since !== undefined ? { since: args.since } : {}),
      },
      progress.onEvent,
    );
  } catch (error) {
    progress.clear();
    if (error instanceof PathNotFoundError || error instanceof UnsupportedFileError || error instanceof SelectionError) {
      stderr.write(`${errorStyle.red('error:')} ${error.message}\n`);
      return EXIT_ERROR;
    }
    throw error;
  }
  progress.clear();

  if (args.interactive && !report.interrupted) {
    const refused = await reviewAndWrite(report, args, environment);
    if (refused !== null) return refused;
  }
  if (report.refusedDirty.length > 0) {
    stderr.write(formatDirtyRefusal(report, errorStyle));
    if (args.json) {
      const { toJsonReport } = await import('../reporter/json.js');
      stdout.write(`${JSON.stringify(toJsonReport(report, { patches: false }), null, 2)}\n`);
    }
    return exitCodeFor(report, args.check);
  }
  const context = reportContext(environment, packageManifest());
  if (env.GITHUB_ACTIONS === 'true') await reportToGitHub(report, args, context, environment);
  // The diff library is loaded only for output that needs it: a plain write or check run
  // over a large tree starts faster without it.
  if (args.format === 'json') {
    const { toJsonReport } = await import('../reporter/json.js');
    stdout.write(`${JSON.stringify(toJsonReport(report, { patches: args.dry }), null, 2)}\n`);
  } else if (args.format === 'sarif') {
    const { toSarifLog } = await import('../reporter/sarif.js');
    stdout.write(`${JSON.stringify(toSarifLog(report, context), null, 2)}\n`);
  } else if (args.format === 'markdown') {
    const { toMarkdown } = await import('../reporter/markdown.js');
    stdout.write(toMarkdown(report, context, markdownOptions(args)));
  } else if (args.dry && report.totals.changed > 0) {
    const { colorizeDiff, unifiedDiff } = await import('../reporter/diff.js');
    const diffStyle = createStyle(colorEnabled(stdout, env));
    for (const file of report.files) {
      if (file.status !== 'changed') continue;
      stdout.write(colorizeDiff(unifiedDiff(file.path, file.before, file.after), diffStyle));
    }
  }
  if (report.mode === 'write') withoutPackages(report, (report.heldBack ?? []).map((h) => h.packagePath));
  stderr.write(formatSummary(report, errorStyle));
  stderr.write(formatHeldBack(report, errorStyle));
  // Turning off ID tokens is safe only once everything is migrated.
  if (report.mode === 'write' && isComplete(report) && report.files.some((f) => f.written)) {
    stderr.write(`\n${formatNextSteps(report, errorStyle)}`);
  }
  return exitCodeFor(report, args.check);
}

let cachedManifest: { version: string; homepage?: string } | undefined;

/** This package's version (and homepage), from the package.json above the running file (source or dist). */
function packageManifest(): { version: string; homepage?: string } {
  if (cachedManifest !== undefined) return cachedManifest;
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown; homepage?: unknown };
      if (manifest.name === 'auth0-mgmt-codemod' && typeof manifest.version === 'string') {
        cachedManifest = { version: manifest.version, ...(typeof manifest.homepage === 'string' ? { homepage: manifest.homepage } : {}) };
        return cachedManifest;
      }
    } catch {
      // No manifest in this folder; keep looking upwards.
    }
  }
  cachedManifest = { version: '0.0.0' };
  return cachedManifest;
}

function packageVersion(): string {
  return packageManifest().version;
}
