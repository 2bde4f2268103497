import type { FindingCode } from '../types';
import { FINDING_CODES } from '../types';
import { FINDING_KINDS } from '../catalog/findings';
import type { FileResult, RunReport, SkipCounts, SkipReason } from '../runner/types';
import { quotePatchPath as show, terminalText as clean } from './quote';
import { SKIP_REASON_TEXT } from './skips';
import type { Style } from './style';

/** What a person should do about each finding; printed once per code that occurred. */
export const FINDING_ADVICE: Record<FindingCode, string> = {
  ...(Object.fromEntries(Object.entries(FINDING_KINDS).map(([code, kind]) => [code, `${kind.meaning} ${kind.whatToDo}`])) as Record<FindingCode, string>),
  'custom-audience':
    'the app already requests a token for another API, and a token holds one API audience: get a second token for the Management API (e.g. checkSession({ audience: "https://TENANT.auth0.com/api/v2/", scope })) and use it only for Management API calls',
  'custom-domain':
    'the login uses a custom domain, but the Management API audience is always the tenant host: rerun with --audience https://TENANT[.REGION].auth0.com/api/v2/',
  'unresolved-config':
    'the codemod cannot see these options or which tenant they are for (a spread, another module, a client it cannot trace, a domain computed by a call): add audience, scope and responseType where they are built, or rerun with --audience https://TENANT.auth0.com/api/v2/',
  'untraceable-token':
    'the codemod cannot tell where this token comes from (or, for angular-jwt, it is sent by an interceptor): give the Management API the access token (authResult.accessToken, or where the app stores it) instead of the ID token',
  'legacy-endpoint':
    '/oauth/ro, loginWithResourceOwner, database.signIn, getDelegationToken, popup.passwordlessVerify, auth0.js v8 popup.loginWithCredentials and auth0.js v7 new Auth0(…) cannot return a Management API access token: move to auth0.js v9 client.login / webAuth.login / passwordlessLogin or node-auth0 passwordGrant',
  'link-with-user-id':
    'linking by provider + user_id needs update:users (any-user scope, server only); with current-user scopes send the secondary account\'s ID token as link_with',
  'client-secret-in-browser':
    'a client secret is written in the code: remove it from anything that reaches a browser and rotate it in the dashboard',
};

const SKIP_LABEL: Record<SkipReason, [string, string]> = {
  dependencies: ['dependency folder', 'dependency folders'],
  'build-output': ['build-output folder', 'build-output folders'],
  minified: ['minified file', 'minified files'],
  'too-large': ['file over 1 MiB', 'files over 1 MiB'],
  binary: ['binary file', 'binary files'],
  symlink: ['symbolic link (not followed)', 'symbolic links (not followed)'],
  'ignore-option': ['path matched by --ignore', 'paths matched by --ignore'],
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
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

function fileLine(file: FileResult, style: Style, report: RunReport): string | null {
  switch (file.status) {
    case 'changed': {
      const verb = report.mode === 'write' ? (file.written ? 'written' : 'changed') : 'would change';
      return `  ${style.green(verb.padEnd(12))}  ${show(file.path)}  ${style.dim(file.transforms.join(', '))}`;
    }
    case 'error':
      return `  ${style.red('error'.padEnd(12))}  ${show(file.path)}${file.error?.line !== undefined ? `:${file.error.line}:${file.error.column ?? 1}` : ''}  ${clean(file.error?.message ?? '')}`;
    case 'skipped':
      return `  ${style.yellow('skipped'.padEnd(12))}  ${show(file.path)}  ${file.skipReason ? SKIP_REASON_TEXT[file.skipReason] : ''}`;
    case 'unchanged':
      return null;
  }
}

/** The stderr summary: files, findings with advice, package scopes, totals and skips. */
export function formatSummary(report: RunReport, style: Style): string {
  const lines: string[] = [];
  lines.push(style.bold(`auth0-mgmt-codemod ${report.transform} (${modeLabel(report)})`));

  const fileLines = report.files.map((f) => fileLine(f, style, report)).filter((l): l is string => l !== null);
  if (fileLines.length > 0) lines.push('', ...fileLines);

  const findings = report.files.flatMap((file) => file.findings.map((finding) => ({ file, finding })));
  if (findings.length > 0) {
    lines.push('', style.bold('Findings (left as they were; a person has to decide):'));
    for (const { file, finding } of findings) {
      lines.push(`  ${show(file.path)}:${finding.line}:${finding.column}  ${style.yellow(finding.code)}  ${clean(finding.message)}`);
    }
    lines.push('', 'What to do:');
    const codes = FINDING_CODES.filter((code) => findings.some((f) => f.finding.code === code));
    for (const code of codes) lines.push(`  ${style.yellow(code)}: ${FINDING_ADVICE[code]}`);
  }

  if (report.packages.length > 0) {
    lines.push('', style.bold('Management API scopes per package:'));
    const width = Math.max(...report.packages.map((p) => p.path.length));
    for (const pkg of report.packages) {
      const scopes = pkg.scopes.length > 0 ? pkg.scopes.join(' ') : style.dim('none (no Management API call; left alone)');
      lines.push(`  ${show(pkg.path).padEnd(width)}  ${scopes}`);
    }
  }

  const t = report.totals;
  const counts = [
    `scanned ${plural(t.scanned, 'file')}`,
    plural(t.candidates, 'candidate'),
    `${t.changed} ${report.mode === 'write' ? 'changed' : 'to change'}`,
    `${t.unchanged} unchanged`,
    t.errors > 0 ? style.red(plural(t.errors, 'error')) : '0 errors',
    ...(t.skipped > 0 ? [style.yellow(`${t.skipped} skipped`)] : []),
    findings.length > 0 ? style.yellow(plural(t.findings, 'finding')) : '0 findings',
  ];
  lines.push('', `${counts.join(' · ')}  ${style.dim(`(${(report.elapsedMs / 1000).toFixed(1)} s)`)}`);
  const byCode = FINDING_CODES.map((code) => [code, findings.filter((f) => f.finding.code === code).length] as const).filter(
    ([, n]) => n > 0,
  );
  if (byCode.length > 0) lines.push(`findings by code: ${byCode.map(([code, n]) => `${code} ${n}`).join(', ')}`);
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

function isCurrentUserScope(scope: string): boolean {
  return scope.includes('current_user');
}

/** What to do in the Auth0 dashboard once the code asks for access tokens. */
export function formatNextSteps(report: RunReport, style: Style): string {
  const withScopes = report.packages.filter((p) => p.scopes.length > 0);
  const lines = [style.bold('Next steps in the Auth0 dashboard:')];
  lines.push('  1. Deploy the migrated code. Each app now requests these Management API scopes:');
  const width = Math.max(0, ...withScopes.map((p) => p.path.length));
  for (const pkg of withScopes) lines.push(`       ${pkg.path.padEnd(width)}  ${pkg.scopes.join(' ')}`);
  const anyUser = withScopes.filter((p) => p.scopes.some((s) => !isCurrentUserScope(s)));
  lines.push(
    '     Make sure each application may request them. Current-user scopes (read:current_user,',
    '     update:current_user_metadata, …) need nothing else for a single-page app: Auth0 issues them',
    "     for the signed-in user's own profile only.",
  );
  if (anyUser.length > 0) {
    lines.push(
      style.yellow(`     Any-user scopes (${[...new Set(anyUser.flatMap((p) => p.scopes.filter((s) => !isCurrentUserScope(s))))].join(', ')}) must never ship to a browser:`),
      style.yellow('     call the Management API for those from a backend, with a Machine-to-Machine application'),
      style.yellow('     authorized for the Auth0 Management API (Applications → APIs → Auth0 Management API).'),
    );
  }
  lines.push(
    '  2. Check that sign-in and every profile or account-linking page still works.',
    '  3. Turn off "Allow ID Tokens for Management API v2 Authentication" in the tenant\'s',
    '     Advanced settings, so ID tokens are refused from then on.',
  );
  return `${lines.join('\n')}\n`;
}
