import type { PackageSummary, RunReport } from '../runner/types';
import { quotePatchPath as show } from './quote';
import { remainingPlaces } from './findings-text';
import { capped, count, LIST_LIMIT, wrapLine } from './layout';
import type { Style } from './style';

/**
 * What to do in the Auth0 Dashboard, computed from the run. The tenant-wide switch that stops
 * ID tokens is named only when nothing is left: a complete run with no open finding, no error
 * and no file left unprocessed. Otherwise the reader learns how many places still use, or may
 * use, ID tokens, and that the switch must stay on until they are dealt with.
 */

export const DASHBOARD_URL = 'https://manage.auth0.com';
/** Tenant Settings > Advanced, where the switch is (at the bottom of the page). */
export const ADVANCED_SETTINGS_URL = 'https://manage.auth0.com/#/tenant/advanced';
export const ID_TOKEN_TOGGLE = 'Allow ID Tokens for Management API v2 Authentication';

export interface DashboardOptions {
  width?: number;
  verbose?: boolean;
}

/**
 * The dashboard block after the summary: "not yet" while a place may still send an ID token (even
 * when every flow of the run is blocked), else the steps; empty when nothing calls the Management API.
 */
export function formatDashboard(report: RunReport, style: Style, options: DashboardOptions = {}): string {
  const packages = report.packages.filter((p) => p.scopes.length > 0);
  const remaining = remainingPlaces(report.files);
  if (remaining.length > 0 || (report.interrupted && packages.length > 0)) return formatNotYet(report, remaining, style, options);
  if (packages.length === 0) return '';
  return formatSteps(report, packages, style, options);
}

function formatNotYet(report: RunReport, remaining: readonly string[], style: Style, options: DashboardOptions): string {
  const lines: string[] = [];
  if (report.interrupted) {
    lines.push(style.yellow(`Do not turn off "${ID_TOKEN_TOGGLE}" yet: the run was interrupted, so not every file was looked at.`));
  } else {
    const places = `${count(remaining.length)} ${remaining.length === 1 ? 'place remains' : 'places remain'}`;
    lines.push(style.yellow(`Do not turn off "${ID_TOKEN_TOGGLE}" yet: ${places}:`));
  }
  const { shown, rest } = capped(remaining, LIST_LIMIT, options.verbose === true);
  lines.push(...shown.map((place) => `  ${place}`));
  if (rest > 0) lines.push(style.dim(`  … ${count(rest)} more (--verbose lists them all)`));
  lines.push(
    wrapLine(
      '',
      'Each may still send an ID token to the Management API, which stops working the moment the switch is off. ' +
        'Deal with them (see the findings above), run again, and the Dashboard steps follow.',
      options.width,
    ),
  );
  return `${lines.join('\n')}\n`;
}

function heading(report: RunReport): string {
  const pending = report.files.some((f) => f.status === 'changed' && !f.written);
  if (report.mode !== 'write' && pending) return `After you apply this, in the Auth0 Dashboard (${DASHBOARD_URL}):`;
  if (report.files.some((f) => f.written)) return `Next steps in the Auth0 Dashboard (${DASHBOARD_URL}):`;
  return `Nothing is left to change in the code. In the Auth0 Dashboard (${DASHBOARD_URL}):`;
}

function isCurrentUserScope(scope: string): boolean {
  return scope.includes('current_user');
}

function formatSteps(report: RunReport, packages: readonly PackageSummary[], style: Style, options: DashboardOptions): string {
  const width = options.width;
  const lines = [style.bold(heading(report))];
  const step = (n: number, text: string): void => {
    lines.push(wrapLine(`  ${n}. `, text, width));
  };
  const detail = (text: string, indent = 7): void => {
    lines.push(wrapLine(' '.repeat(indent), text, width));
  };

  step(1, 'Check each application in Applications > Applications > (the application) > Settings:');
  const { shown, rest } = capped(packages, LIST_LIMIT, options.verbose === true);
  for (const pkg of shown) {
    lines.push(wrapLine('     - ', style.bold(applicationLabel(pkg)), width));
    const anyUser = pkg.scopes.filter((s) => !isCurrentUserScope(s));
    const currentUser = pkg.scopes.filter(isCurrentUserScope);
    if (currentUser.length > 0) {
      detail(`Its login asks for ${currentUser.join(' ')}: current-user scopes, which need no grant; Auth0 issues them for the signed-in user's own data.`);
    }
    if (anyUser.length > 0) {
      detail(
        style.yellow(
          `Its login asks for ${anyUser.join(' ')}: any-user scopes must never reach a browser. Make those calls from a backend ` +
            'with a Machine-to-Machine application (Applications > APIs > Auth0 Management API > Machine To Machine Applications: ' +
            'authorize it and tick these scopes).',
        ),
      );
    }
    if (pkg.embeddedLogin) {
      detail(
        'Lock logs in embedded in the page (now OIDC-conformant): under "Cross-Origin Authentication" turn on ' +
          '"Allow Cross-Origin Authentication", and list the origin the app is served from (e.g. https://app.example.com) in ' +
          '"Allowed Web Origins" and "Allowed Origins (CORS)".',
      );
    }
  }
  if (rest > 0) lines.push(style.dim(`       … ${count(rest)} more (--verbose lists them all)`));
  step(
    2,
    'Deploy the migrated code. Users may be asked to consent to the Management API scopes at their next login; on ' +
      'localhost they always are, because consent cannot be skipped there, and silent logins (checkSession) fail with ' +
      'consent_required until the user has consented once.',
  );
  step(3, 'Check that sign-in and every profile and account-linking page still work, on a host other than localhost.');
  step(
    4,
    `Turn off "${ID_TOKEN_TOGGLE}" in Settings > Advanced (${ADVANCED_SETTINGS_URL}), but only after every app ` +
      'using this tenant is deployed: the switch is tenant-wide, and from then on the Management API refuses ID tokens from every app.',
  );
  return `${lines.join('\n')}\n`;
}

/** `examples/spa (package spa): client ID abc, tenant acme.auth0.com`, with whatever the code shows. */
function applicationLabel(pkg: PackageSummary): string {
  const parts: string[] = [];
  if (pkg.clientIds.length > 0) parts.push(`client ID ${pkg.clientIds.join(', ')}`);
  else parts.push('client ID not in the code (find the application by its name)');
  if (pkg.tenantHosts.length > 0) parts.push(`tenant ${pkg.tenantHosts.join(', ')}`);
  const name = pkg.name !== undefined ? ` (package ${pkg.name})` : '';
  return `${show(pkg.path)}${name}: ${parts.join(', ')}`;
}
