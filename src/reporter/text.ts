import { FINDING_CODES } from '../types';
import type { FileResult, PackageSummary, RunReport, SkipCounts, SkipReason } from '../runner/types';
import { formatFindingBlocks, placedFindings } from './findings-text';
import { capped, count, LIST_LIMIT, wrapLine } from './layout';
import { noScopesReason } from './package-scopes';
import { quotePatchPath as show, terminalText as clean } from './quote';
import { SKIP_REASON_TEXT } from './skips';
import type { Style } from './style';

/** How the summary fits its reader: the width to wrap to, and whether long lists are shown whole. */
export interface SummaryOptions {
  width?: number;
  verbose?: boolean;
}

const SKIP_LABEL: Record<SkipReason, [string, string]> = {
  dependencies: ['dependency folder', 'dependency folders'],
  'build-output': ['build-output folder', 'build-output folders'],
  minified: ['minified file', 'minified files'],
  'too-large': ['file over 1 MiB', 'files over 1 MiB'],
  binary: ['binary file', 'binary files'],
  symlink: ['symbolic link (not followed)', 'symbolic links (not followed)'],
  'ignore-option': ['path matched by --ignore', 'paths matched by --ignore'],
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function modeLabel(report: RunReport): string {
  switch (report.mode) {
    case 'dry':
      return 'dry run, nothing written';
    case 'check':
      return 'check, nothing written';
    case 'write':
      return 'writing changes';
  }
}

export function formatSkipped(skipped: SkipCounts): string {
  const parts = (Object.keys(SKIP_LABEL) as SkipReason[])
    .filter((reason) => skipped[reason] > 0)
    .map((reason) => {
      const [one, many] = SKIP_LABEL[reason];
      return plural(skipped[reason], one, many);
    });
  return parts.join(', ');
}

function changedLine(file: FileResult, style: Style, report: RunReport, pathWidth: number, width: number | undefined): string {
  const verb = report.mode === 'write' ? (file.written ? 'written' : 'changed') : 'would change';
  // A file whose only change is a TODO comment was changed by no transform.
  const by = file.transforms.length > 0 ? file.transforms.join(', ') : 'TODO comments only';
  return wrapLine(`  ${style.green(verb.padEnd(12))}  ${show(file.path).padEnd(pathWidth)}  `, style.dim(by), width, 16);
}

function errorLine(file: FileResult, style: Style, width: number | undefined): string {
  const place = `${show(file.path)}${file.error?.line !== undefined ? `:${file.error.line}:${file.error.column ?? 1}` : ''}`;
  return wrapLine(`  ${style.red('error'.padEnd(12))}  ${place}  `, clean(file.error?.message ?? ''), width);
}

function skippedLine(file: FileResult, style: Style, width: number | undefined): string {
  return wrapLine(`  ${style.yellow('skipped'.padEnd(12))}  ${show(file.path)}  `, file.skipReason ? SKIP_REASON_TEXT[file.skipReason] : '', width);
}

/** Changed files and errors, each list cut to its first entries unless `verbose`. */
function fileLines(report: RunReport, style: Style, options: SummaryOptions): string[] {
  const verbose = options.verbose === true;
  const changed = capped(report.files.filter((f) => f.status === 'changed'), LIST_LIMIT, verbose);
  const errors = capped(report.files.filter((f) => f.status === 'error'), LIST_LIMIT, verbose);
  const skipped = capped(report.files.filter((f) => f.status === 'skipped' && f.skipReason !== undefined), LIST_LIMIT, verbose);
  // Paths line up, but one very long path does not push every other line's transforms away.
  const pathWidth = Math.min(60, Math.max(0, ...changed.shown.map((f) => f.path.length)));
  const lines = changed.shown.map((f) => changedLine(f, style, report, pathWidth, options.width));
  if (changed.rest > 0) {
    const verb = report.mode === 'write' ? 'changed' : 'would change';
    lines.push(style.dim(`  … ${count(changed.rest)} more ${changed.rest === 1 ? 'file' : 'files'} ${verb} (--verbose lists them all)`));
  }
  lines.push(...errors.shown.map((f) => errorLine(f, style, options.width)));
  if (errors.rest > 0) lines.push(style.red(`  … ${count(errors.rest)} more ${errors.rest === 1 ? 'error' : 'errors'} (--verbose lists them all)`));
  lines.push(...skipped.shown.map((f) => skippedLine(f, style, options.width)));
  if (skipped.rest > 0) lines.push(style.yellow(`  … ${count(skipped.rest)} more skipped (--verbose lists them all)`));
  return lines;
}

/**
 * Each package with the scopes its configs now request. A tree of many packages shows one line
 * per distinct scope set, with how many packages share it and the first few of them.
 */
function packageLines(packages: readonly PackageSummary[], style: Style, options: SummaryOptions): string[] {
  const scopesText = (pkg: PackageSummary): string =>
    pkg.scopes.length > 0 ? pkg.scopes.join(' ') : style.dim(noScopesReason(pkg));
  if (options.verbose === true || packages.length <= LIST_LIMIT) {
    const width = Math.max(...packages.map((p) => p.path.length));
    return packages.map((pkg) => wrapLine(`  ${show(pkg.path).padEnd(width)}  `, scopesText(pkg), options.width));
  }
  const groups = new Map<string, PackageSummary[]>();
  for (const pkg of packages) {
    const key = pkg.scopes.length > 0 ? pkg.scopes.join(' ') : noScopesReason(pkg);
    groups.set(key, [...(groups.get(key) ?? []), pkg]);
  }
  const lines: string[] = [];
  for (const group of [...groups.values()].sort((a, b) => b.length - a.length)) {
    const names = group.slice(0, 3).map((p) => show(p.path));
    const more = group.length > names.length ? `, … (${count(group.length - names.length)} more)` : '';
    const lead = `  ${count(group.length).padStart(5)} ${group.length === 1 ? 'package ' : 'packages'}  `;
    lines.push(wrapLine(lead, `${scopesText(group[0])}  ${style.dim(`${names.join(', ')}${more}`)}`, options.width));
  }
  lines.push(style.dim('  (--verbose lists every package)'));
  return lines;
}

/** The stderr summary: files, findings with advice, package scopes, totals and skips. */
export function formatSummary(report: RunReport, style: Style, options: SummaryOptions = {}): string {
  const lines: string[] = [];
  lines.push(style.bold(`auth0-mgmt-codemod ${report.transform} (${modeLabel(report)})`));

  const files = fileLines(report, style, options);
  if (files.length > 0) lines.push('', ...files);

  lines.push(...formatFindingBlocks(report.files, style, { width: options.width, verbose: options.verbose === true }));
  const findings = placedFindings(report.files).warnings;

  if (report.packages.length > 0) {
    lines.push('', style.bold('Management API scopes per package:'), ...packageLines(report.packages, style, options));
  }

  const t = report.totals;
  const counts = [
    `scanned ${plural(t.scanned, 'file')}`,
    plural(t.candidates, 'candidate'),
    `${count(t.changed)} ${report.mode === 'write' ? 'changed' : 'to change'}`,
    `${count(t.unchanged)} unchanged`,
    t.errors > 0 ? style.red(plural(t.errors, 'error')) : '0 errors',
    ...(t.skipped > 0 ? [style.yellow(`${t.skipped} skipped`)] : []),
    findings.length > 0 ? style.yellow(plural(t.findings, 'finding')) : '0 findings',
  ];
  if (t.notes > 0) counts.push(style.cyan(plural(t.notes, 'note')));
  lines.push('', wrapLine('', `${counts.join(' · ')}  ${style.dim(`(${(report.elapsedMs / 1000).toFixed(1)} s)`)}`, options.width, 2));
  const byCode = FINDING_CODES.map((code) => [code, findings.filter((f) => f.finding.code === code).length] as const).filter(
    ([, n]) => n > 0,
  );
  if (byCode.length > 0) lines.push(wrapLine('findings by code: ', byCode.map(([code, n]) => `${code} ${count(n)}`).join(', '), options.width, 2));
  const skipped = formatSkipped(report.skipped);
  if (skipped !== '') lines.push(style.dim(`skipped: ${skipped}`));
  if (report.interrupted) {
    const written = report.files.filter((f) => f.written).length;
    const notDone = report.files.filter((f) => f.status === 'skipped').length;
    const outcome =
      report.mode === 'write' ? `${plural(written, 'file')} written; ${notDone} left as they were` : `${notDone} not processed; the results above are incomplete`;
    lines.push(style.yellow(`Interrupted: ${outcome}.`));
  }
  if (report.mode === 'write' && !isComplete(report)) {
    lines.push(style.yellow('Not every file was migrated (see above); the dashboard steps follow a run that completes.'));
  }
  if (report.mode === 'write' && report.outsideGit.length > 0) {
    lines.push(style.yellow(`${plural(report.outsideGit.length, 'written file is', 'written files are')} not in a git repository; there is no copy of the old version.`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Whether a write run did all it set out to: not interrupted, no file failed, none that matters
 * skipped. Only then may the user turn off ID tokens in the dashboard.
 */
export function isComplete(report: RunReport): boolean {
  return !report.interrupted && report.refusedDirty.length === 0 && report.totals.errors === 0 && report.totals.skipped === 0;
}

/** Why a write run wrote nothing, and how to proceed. */
export function formatDirtyRefusal(report: RunReport, style: Style): string {
  const lines = [
    style.red(`Nothing was written: ${plural(report.refusedDirty.length, 'file that would change was', 'files that would change were')} refused, because ${report.refusedBecause ?? 'they have uncommitted changes'}:`),
    ...report.refusedDirty.map((p) => `  ${show(p)}`),
    'Commit or stash them first so the migration is a diff of its own (and easy to undo), preview with --dry, or rerun with --force.',
  ];
  return `${lines.join('\n')}\n`;
}
