import { appendFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { relativePosix } from '../runner/discover';
import { gitTopLevel } from '../runner/git';
import { writeChanges, writeGuard } from '../runner/run';
import type { RunReport } from '../runner/types';
import { DEFAULT_HOMEPAGE, type ReportContext } from '../reporter/context';
import { EXIT_INTERRUPTED } from '../reporter/exit-code';
import { colorEnabled, createStyle, type Style } from '../reporter/style';
import type { RunArguments } from './args';
import type { CliEnvironment } from './cli';
import { reviewHunks } from './review';

/*
 * What the command line prints and writes for CI and review beyond the summary: the report
 * context of the SARIF and Markdown reporters, GitHub Actions output, the --since notice and
 * the --interactive review around the run.
 */

/**
 * --interactive: asks about each hunk of the dry run's changes, then writes what was accepted.
 * Returns an exit code when the run ends here, or null to report as a write run.
 */
export async function reviewAndWrite(report: RunReport, args: RunArguments, environment: CliEnvironment): Promise<number | null> {
  const { stdout, stderr, env } = environment;
  const changed = report.files.filter((f) => f.status === 'changed');
  if (!args.force) {
    // Refused before any question: answers about files that cannot be written would be wasted.
    const guard = writeGuard(changed);
    report.refusedDirty.push(...guard.refused);
    if (guard.refused.length > 0) {
      report.refusedBecause = guard.reasons.join('; or ');
      return null;
    }
  }
  // --since held these back (their flows reach files it leaves out): nothing there to ask about.
  const held = new Set((report.heldBack ?? []).map((h) => h.packagePath));
  for (const file of changed) {
    if (!held.has(file.packagePath)) continue;
    file.status = 'unchanged';
    file.after = file.before;
    file.transforms = [];
  }
  const style = createStyle(colorEnabled(stdout, env));
  const outcome = await reviewHunks(report, { input: environment.stdin ?? process.stdin, output: stdout, signal: environment.signal }, style);
  if (outcome.interrupted) {
    stderr.write('Review interrupted: nothing was written.\n');
    return EXIT_INTERRUPTED;
  }
  report.mode = 'write';
  await writeChanges({ force: true, signal: environment.signal }, report, () => {});
  if (outcome.leftAlone.length > 0) {
    stderr.write(`Left as they were after the review: ${outcome.leftAlone.join(', ')}\n`);
    // Review units are packages today: what they would request is not what the apps now request.
    withoutPackages(report, outcome.leftAlone);
  }
  return null;
}

/** --since: the packages whose migration reaches files the selection leaves out. */
export function formatHeldBack(report: RunReport, style: Style): string {
  const held = report.heldBack ?? [];
  if (held.length === 0) return '';
  const lines = held.map(({ packagePath, files }) => {
    const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? `, and ${files.length - 5} more` : '');
    return `  ${packagePath}: also changes ${shown}`;
  });
  const verdict =
    report.mode === 'write'
      ? 'Not written: the migration of these packages also changes files that --since leaves out, and half a flow breaks the app:'
      : 'The migration of these packages also changes files that --since leaves out; apply it whole, not only the part shown:';
  return `${style.yellow(verdict)}\n${lines.join('\n')}\nRun without --since to migrate them whole.\n`;
}

export function markdownOptions(args: RunArguments): { audience?: string } {
  return args.audience !== undefined ? { audience: args.audience } : {};
}

/** Paths relative to the repository root, and on GitHub Actions links to the commit under test. */
export function reportContext(environment: CliEnvironment, manifest: { version: string; homepage?: string }): ReportContext {
  const { env } = environment;
  const cwd = realpathSync(environment.cwd);
  const context: ReportContext = {
    toolName: 'auth0-mgmt-codemod',
    toolVersion: manifest.version,
    homepage: manifest.homepage ?? DEFAULT_HOMEPAGE,
    cwd,
    repositoryPath: (absolutePath) => relativePosix(gitTopLevel(path.dirname(absolutePath)) ?? cwd, absolutePath),
  };
  const server = env.GITHUB_SERVER_URL;
  const repository = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_SHA;
  if (env.GITHUB_ACTIONS === 'true' && server && repository && sha) {
    context.link = (repositoryPath, line) =>
      `${server}/${repository}/blob/${sha}/${repositoryPath.split('/').map(encodeURIComponent).join('/')}${line !== undefined ? `#L${line}` : ''}`;
  }
  return context;
}

/**
 * On GitHub Actions: annotations (workflow commands on stderr, which the runner reads as it does
 * stdout, so stdout keeps only the report) and the Markdown report appended to the job summary.
 */
export async function reportToGitHub(report: RunReport, args: RunArguments, context: ReportContext, environment: CliEnvironment): Promise<void> {
  const { githubAnnotations } = await import('../reporter/github.js');
  environment.stderr.write(githubAnnotations(report, context));
  const summaryFile = environment.env.GITHUB_STEP_SUMMARY;
  if (!summaryFile) return;
  const { toMarkdown } = await import('../reporter/markdown.js');
  try {
    appendFileSync(summaryFile, `${toMarkdown(report, context, markdownOptions(args))}\n`);
  } catch (error) {
    environment.stderr.write(`warning: cannot append to GITHUB_STEP_SUMMARY (${error instanceof Error ? error.message : String(error)})\n`);
  }
}

/** Packages left out of what was written (--since held back, or refused in review) no longer request their scopes. */
export function withoutPackages(report: RunReport, packagePaths: Iterable<string>): void {
  const left = new Set(packagePaths);
  report.packages = report.packages.filter((p) => !left.has(p.path));
}
