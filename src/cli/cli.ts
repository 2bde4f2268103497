import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readTransformOptions } from '../transform-kit';
import { meta as allMeta } from '../../transforms/all';
import { TRANSFORMS } from '../../transforms/index';
import { PathNotFoundError, UnsupportedFileError } from '../runner/discover';
import { run } from '../runner/run';
import { SelectionError } from '../runner/select';
import type { RunMode, RunReport } from '../runner/types';
import { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, exitCodeFor } from '../reporter/exit-code';
import { ProgressLine } from '../reporter/progress';
import { colorEnabled, createStyle } from '../reporter/style';
import { formatDashboard } from '../reporter/dashboard';
import { outputWidth, wrapBlock, wrapLine } from '../reporter/layout';
import { formatNextLines } from '../reporter/next-steps';
import { formatDirtyRefusal, formatSummary } from '../reporter/text';
import { parseCommandLine, UsageError, type RunArguments } from './args';
import { formatHeldBack, markdownOptions, reportContext, reportToGitHub, reviewAndWrite, withoutPackages } from './ci-output';
import { canPrompt, openPrompt, type Prompt, PromptCancelled } from './prompt';

export interface OutputStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Everything the command line touches outside itself, so tests can run it in-process. */
export interface CliEnvironment {
  /**
   * Where answers come from: the questions of a write run without a path, and --interactive's
   * (a terminal, or nobody).
   */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
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
      environment.stdout.write(formatList(outputWidth(environment.stdout, environment.env)));
      return EXIT_OK;
    case 'run':
      if (command.args.pathsGiven || modeOf(command.args) !== 'write') return runMigration(command.args, environment);
      return askThenRun(command.args, environment);
  }
}

/**
 * A write run without a path: on a terminal, ask what to migrate (and offer a dry run first);
 * elsewhere nobody can answer, so nothing is written and the user learns how to say it.
 */
async function askThenRun(args: RunArguments, environment: CliEnvironment): Promise<number> {
  const { stderr } = environment;
  const errorStyle = createStyle(colorEnabled(stderr, environment.env, args.color));
  const streams = { input: environment.stdin, output: stderr as NodeJS.WritableStream & { isTTY?: boolean } };
  if (!canPrompt(streams)) {
    stderr.write(
      `${errorStyle.red('error:')} no path given. Name what to migrate, e.g. "auth0-mgmt-codemod ." for this folder ` +
        '(preview first with "auth0-mgmt-codemod . --dry"); on a terminal the codemod asks.\nRun auth0-mgmt-codemod --help for usage.\n',
    );
    return EXIT_ERROR;
  }
  // The terminal is in the questions' hands only while they are asked: during the run a Ctrl-C
  // is a signal again, which stops the run as usual.
  const ask = async <T>(questions: (prompt: Prompt) => Promise<T>): Promise<T> => {
    const prompt = openPrompt(streams);
    try {
      return await questions(prompt);
    } finally {
      prompt.close();
    }
  };
  try {
    const answers = await ask((prompt) => prompt.runArguments({ transform: args.transform, cwd: environment.cwd }));
    const chosen: RunArguments = { ...args, transform: answers.transform, paths: answers.paths, dry: answers.dry, pathsGiven: true };
    if (!answers.dry) return await runMigration(chosen, environment);
    // The next step of this dry run is the question that follows, not another command.
    let changes = 0;
    const code = await runMigration(chosen, environment, { nextSteps: false, onReport: (report) => (changes = report.totals.changed) });
    if (code !== EXIT_OK || changes === 0) return code;
    if (!(await ask((prompt) => prompt.confirm('Write these changes now?', false)))) {
      stderr.write(`To write them later: auth0-mgmt-codemod ${answers.transform} ${answers.paths.join(' ')}\n`);
      return EXIT_OK;
    }
    return await runMigration({ ...chosen, dry: false }, environment);
  } catch (error) {
    if (!(error instanceof PromptCancelled)) throw error;
    stderr.write('\nCancelled; nothing was written.\n');
    return EXIT_INTERRUPTED;
  }
}

function formatList(columns: number | undefined): string {
  const rows = [allMeta, ...TRANSFORMS.map((t) => t.meta)].map((m) => [m.id, m.description] as const);
  const width = Math.max(...rows.map(([id]) => id.length));
  const lines = rows.map(([id, description]) => wrapLine(`  ${id.padEnd(width)}  `, `${description}${id === allMeta.id ? ' (default)' : ''}`, columns));
  return `Transforms (auth0-mgmt-codemod <transform> [paths..]):\n${lines.join('\n')}\n`;
}

function modeOf(args: RunArguments): RunMode {
  // An interactive run computes like a dry run, then writes what the review accepted.
  if (args.dry || args.interactive) return 'dry';
  if (args.check) return 'check';
  return 'write';
}

interface MigrationOptions {
  /** print the next-step lines (a dry run inside the questions is followed by a question instead) */
  nextSteps: boolean;
  onReport?: (report: RunReport) => void;
}

async function runMigration(args: RunArguments, environment: CliEnvironment, options: MigrationOptions = { nextSteps: true }): Promise<number> {
  const { stdout, stderr, env } = environment;
  const errorStyle = createStyle(colorEnabled(stderr, env, args.color));
  if (args.interactive && !(environment.stdin?.isTTY === true && stdout.isTTY === true)) {
    stderr.write(`${errorStyle.red('error:')} --interactive asks about each hunk and needs a terminal; without one, review the patch of --dry and apply it with git apply\n`);
    return EXIT_ERROR;
  }
  if (args.print && args.format !== 'text') {
    stderr.write(`${errorStyle.red('error:')} --print and --format ${args.format} both write to stdout; choose one.\n`);
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
  options.onReport?.(report);

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
  } else if (args.print) {
    printChangedFiles(report, stdout);
  } else if (args.dry && report.totals.changed > 0) {
    const { colorizeDiff, unifiedDiff } = await import('../reporter/diff.js');
    const diffStyle = createStyle(colorEnabled(stdout, env, args.color));
    for (const file of report.files) {
      if (file.status !== 'changed') continue;
      stdout.write(colorizeDiff(unifiedDiff(file.path, file.before, file.after), diffStyle));
    }
  }
  if (report.mode === 'write') withoutPackages(report, (report.heldBack ?? []).map((h) => h.packagePath));
  const layout = { width: outputWidth(stderr, env), verbose: args.verbose };
  stderr.write(wrapBlock(formatSummary(report, errorStyle, layout), layout.width));
  stderr.write(formatHeldBack(report, errorStyle));
  const dashboard = formatDashboard(report, errorStyle, layout);
  if (dashboard !== '') stderr.write(`\n${wrapBlock(dashboard, layout.width)}`);
  const next = formatNextLines(report, errorStyle, {
    diffPrinted: args.dry && args.format === 'text' && !args.print,
    todoComments: args.todoComments,
    verbose: args.verbose,
    width: layout.width,
  });
  if (next !== '' && options.nextSteps) stderr.write(`\n${wrapBlock(next, layout.width)}`);
  return exitCodeFor(report, args.check);
}

/**
 * `--print`: each changed file's new text, whole, as jscodeshift prints it. With several files,
 * each is headed by `==> path <==`, as `head` and `tail` head theirs.
 */
function printChangedFiles(report: RunReport, stdout: OutputStream): void {
  const changed = report.files.filter((f) => f.status === 'changed');
  for (const file of changed) {
    if (changed.length > 1) stdout.write(`==> ${file.path} <==\n`);
    stdout.write(file.after.endsWith('\n') || changed.length === 1 ? file.after : `${file.after}\n`);
  }
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
