import * as path from 'node:path';
import { FINDING_CODES, FINDING_KINDS, severityOf } from '../catalog/findings';
import type { FileResult, PackageSummary, RunReport } from '../runner/types';
import { findingDocsUrl, type ReportContext } from './context';
import { unifiedDiff } from './diff';
import { ID_TOKEN_TOGGLE } from './dashboard';
import { remainingPlaces } from './findings-text';
import { formatFileError } from './json';
import { noScopesReason } from './package-scopes';

/**
 * The files section stops growing past this many characters (diffs first, then whole files), so
 * the report fits a pull-request comment (65,536 characters on GitHub) with the rest of it.
 */
export const MARKDOWN_FILES_BUDGET = 50_000;

export interface MarkdownOptions {
  /** `--audience`, when given: every package's configs get it */
  audience?: string;
}

/** Inline text that Markdown must show as written (no emphasis, links or HTML from it). */
function text(value: string): string {
  return value.replace(/[\\`*_{}[\]<>|#~]/g, (char) => `\\${char}`);
}

/** A code span that holds any text, backticks included. */
function code(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A table cell: a pipe ends a cell even inside a code span unless escaped (text() escapes its own). */
function cell(value: string): string {
  return value.replace(/(?<!\\)\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function linkTo(context: ReportContext, repositoryPath: string, line?: number): string {
  const encoded = repositoryPath.split('/').map(encodeURIComponent).join('/');
  if (context.link) return context.link(repositoryPath, line);
  return line === undefined ? encoded : `${encoded}#L${line}`;
}

function verdict(report: RunReport): string {
  const t = report.totals;
  const parts: string[] = [];
  if (report.mode === 'write') parts.push(`${plural(report.files.filter((f) => f.written).length, 'file')} migrated`);
  else parts.push(`${plural(t.changed, 'file')} to migrate`);
  parts.push(plural(t.findings, 'open finding'));
  if (t.notes > 0) parts.push(plural(t.notes, 'note'));
  if (t.errors > 0) parts.push(plural(t.errors, 'file', 'files') + ' that could not be processed');
  const done = t.errors === 0 && t.findings === 0 && (report.mode === 'write' || t.changed === 0);
  return `${done ? 'Nothing left to do' : 'Work left'}: ${parts.join(', ')}.`;
}

function audienceOf(pkg: PackageSummary, options: MarkdownOptions): string {
  if (pkg.scopes.length === 0) return '—';
  if (options.audience !== undefined) return code(options.audience);
  const hosts = pkg.tenantHosts ?? [];
  if (hosts.length === 0) return "from each login config's `domain`";
  return hosts.map((host) => code(`https://${host}/api/v2/`)).join(', ');
}

function packagesTable(report: RunReport, context: ReportContext, options: MarkdownOptions): string[] {
  if (report.packages.length === 0) return [];
  const lines = ['### Packages', '', '| Package | Management API endpoints | Scopes | Audience |', '|---|---|---|---|'];
  for (const pkg of report.packages) {
    const where = context.repositoryPath(path.resolve(context.cwd, pkg.path));
    const name = pkg.name !== undefined && pkg.name !== where ? ` (${text(pkg.name)})` : '';
    const endpoints = pkg.endpoints.length > 0 ? pkg.endpoints.map(code).join('<br>') : 'none';
    const scopes = pkg.scopes.length > 0 ? pkg.scopes.map(code).join(' ') : noScopesReason(pkg);
    lines.push(`| ${cell(code(where) + name)} | ${cell(endpoints)} | ${cell(scopes)} | ${cell(audienceOf(pkg, options))} |`);
  }
  return [...lines, ''];
}

function fileStatus(file: FileResult, report: RunReport): string {
  const by = file.transforms.length > 0 ? ` by ${file.transforms.join(', ')}` : '';
  switch (file.status) {
    case 'changed':
      return report.mode === 'write' ? (file.written ? `migrated${by}` : `not written${by}`) : `would change${by}`;
    case 'error':
      return `could not be processed: ${text(file.error ? formatFileError(file.error) : 'unknown error')}`;
    case 'skipped':
      return 'not processed (interrupted)';
    case 'unchanged':
      return 'unchanged';
  }
}

function fenced(body: string, info: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${body.endsWith('\n') ? body : `${body}\n`}${fence}`;
}

function filesSection(report: RunReport, context: ReportContext): string[] {
  const shown = report.files.filter((f) => f.status !== 'unchanged' || f.findings.length > 0);
  if (shown.length === 0) return [];
  const lines = ['### Files', ''];
  let budget = MARKDOWN_FILES_BUDGET;
  let diffsLeftOut = 0;
  let filesLeftOut = 0;
  for (const file of shown) {
    const repoPath = context.repositoryPath(file.absolutePath);
    const entry = [`#### [${code(repoPath)}](${linkTo(context, repoPath)}): ${fileStatus(file, report)}`, ''];
    for (const finding of file.findings) {
      const kind = severityOf(finding.code) === 'note' ? 'note' : 'finding';
      entry.push(
        `- [line ${finding.line}](${linkTo(context, repoPath, finding.line)}), ${kind} [${code(finding.code)}](${findingDocsUrl(context.homepage, finding.code)}): ${text(finding.message)}`,
      );
    }
    if (file.findings.length > 0) entry.push('');
    const size = entry.reduce((sum, line) => sum + line.length + 1, 0);
    if (size > budget) {
      filesLeftOut++;
      continue;
    }
    budget -= size;
    lines.push(...entry);
    if (file.status === 'changed') {
      const details = [`<details><summary>Diff of ${text(repoPath)}</summary>`, '', fenced(unifiedDiff(repoPath, file.before, file.after), 'diff'), '', '</details>', ''];
      const detailsSize = details.reduce((sum, line) => sum + line.length + 1, 0);
      if (detailsSize <= budget) {
        budget -= detailsSize;
        lines.push(...details);
      } else {
        diffsLeftOut++;
      }
    }
  }
  const leftOut = [
    ...(filesLeftOut > 0 ? [`${plural(filesLeftOut, 'more file')} with changes or findings`] : []),
    ...(diffsLeftOut > 0 ? [`the diffs of ${plural(diffsLeftOut, 'file')}`] : []),
  ];
  if (leftOut.length > 0) {
    lines.push(`Left out to keep this report short: ${leftOut.join(' and ')}. \`auth0-mgmt-codemod --dry\` prints every change; \`--format sarif\` lists every finding.`, '');
  }
  return lines;
}

function adviceSection(report: RunReport, context: ReportContext): string[] {
  const codes = FINDING_CODES.filter((code) => report.files.some((f) => f.findings.some((finding) => finding.code === code)));
  if (codes.length === 0) return [];
  const lines = ['### What to do', ''];
  for (const findingCode of codes) {
    const kind = FINDING_KINDS[findingCode];
    lines.push(`- [${code(findingCode)}](${findingDocsUrl(context.homepage, findingCode)}), ${text(kind.title.toLowerCase())}: ${text(kind.whatToDo)}`);
  }
  return [...lines, ''];
}

function isCurrentUserScope(scope: string): boolean {
  return scope.includes('current_user');
}

function dashboardSection(report: RunReport): string[] {
  const withScopes = report.packages.filter((p) => p.scopes.length > 0);
  const remaining = remainingPlaces(report.files);
  if (remaining.length > 0 || (report.interrupted && withScopes.length > 0)) {
    const why = report.interrupted
      ? 'the run was interrupted, so not every file was looked at'
      : `${remaining.length} ${remaining.length === 1 ? 'place remains' : 'places remain'} (the findings above)`;
    return [
      '### Not yet in the Auth0 dashboard',
      '',
      `Do not turn off **${ID_TOKEN_TOGGLE}** yet: ${why}. Each may still send an ID token to the Management API, which stops working the moment the switch is off. Deal with them, run again, and the dashboard steps follow.`,
      '',
    ];
  }
  if (withScopes.length === 0) return [];
  const anyUser = [...new Set(withScopes.flatMap((p) => p.scopes.filter((s) => !isCurrentUserScope(s))))];
  const lines = [
    '### Then, in the Auth0 dashboard',
    '',
    '1. Deploy the migrated code. Make sure each application may request the scopes in the table above. Current-user scopes need nothing else for a single-page app: Auth0 issues them for the signed-in user\'s own profile only.',
  ];
  if (anyUser.length > 0) {
    lines.push(
      `   Any-user scopes (${anyUser.map(code).join(', ')}) must never ship to a browser: make those calls from a backend with a Machine-to-Machine application authorized for the Auth0 Management API.`,
    );
  }
  lines.push(
    '2. Check that sign-in and every profile or account-linking page still work.',
    '3. Once every app\'s migrated build is deployed, turn off **Allow ID Tokens for Management API v2 Authentication** in the tenant\'s Advanced settings (it is tenant-wide), so ID tokens are refused from then on.',
    '',
  );
  return lines;
}

/**
 * The run as a Markdown report to paste into a pull request (and the GitHub job summary): a
 * verdict, per package the endpoints, scopes and audience, per file what changes with its diff
 * and its findings linked to their lines, what to do per finding code, and the dashboard steps.
 */
export function toMarkdown(report: RunReport, context: ReportContext, options: MarkdownOptions = {}): string {
  const lines = [`## ${context.toolName}`, '', `**${text(verdict(report))}**`, ''];
  if (report.interrupted) lines.push('The run was interrupted; this report is incomplete.', '');
  if (report.refusedDirty.length > 0) {
    lines.push(`Nothing was written: ${plural(report.refusedDirty.length, 'file has', 'files have')} uncommitted changes.`, '');
  }
  lines.push(...packagesTable(report, context, options), ...filesSection(report, context), ...adviceSection(report, context), ...dashboardSection(report));
  return `${lines.join('\n').trimEnd()}\n`;
}
