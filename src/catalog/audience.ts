/**
 * Audience rules (DESIGN.md "Audience"). The Management API audience is always the canonical
 * tenant host, `https://TENANT[.REGION].auth0.com/api/v2/`, trailing slash included — never a
 * custom domain, even where the app logs in through one.
 */

/** `TENANT.auth0.com` or `TENANT.REGION.auth0.com` (e.g. `acme.eu.auth0.com`). */
const TENANT_HOST = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)?\.auth0\.com$/i;

/**
 * Documentation placeholders such as `{yourDomain}` or `YOUR_AUTH0_DOMAIN` stand for the tenant
 * host; the guide's own examples use them, and their migrated form keeps the placeholder.
 */
const PLACEHOLDER_HOST = /^(\{[A-Za-z_][\w-]*\}|YOUR_(AUTH0_)?DOMAIN|<[A-Za-z_][\w-]*>)$/;

export type HostKind = 'tenant' | 'placeholder' | 'custom-domain' | 'invalid';

/** Classifies a literal host (no scheme, no path; a scheme or trailing slash is tolerated). */
export function classifyHost(raw: string): HostKind {
  const host = normaliseHost(raw);
  if (host === '') return 'invalid';
  if (TENANT_HOST.test(host)) return 'tenant';
  if (PLACEHOLDER_HOST.test(host)) return 'placeholder';
  if (/^[a-z0-9.-]+(:\d+)?$/i.test(host)) return 'custom-domain';
  return 'invalid';
}

export function normaliseHost(raw: string): string {
  return raw
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');
}

/** The Management API audience for a tenant host literal. */
export function managementAudienceForHost(host: string): string {
  const normal = normaliseHost(host);
  // Host names are case-insensitive, the audience is not: Auth0 knows the lower-case one.
  return `https://${TENANT_HOST.test(normal) ? normal.toLowerCase() : normal}/api/v2/`;
}

/** True for `https://…/api/v2/` (with or without the trailing slash). */
export function isManagementAudience(audience: string): boolean {
  return /^https:\/\/[^/]+\/api\/v2\/?$/.test(audience.trim());
}

/** True for the OIDC `/userinfo` audience, which an app may replace by the Management API's. */
export function isUserinfoAudience(audience: string): boolean {
  return /^https:\/\/[^/]+\/userinfo\/?$/.test(audience.trim());
}

/** A lower-case DNS host name: what a private-cloud tenant host given with its opt-in must be. */
const LOWER_CASE_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** `TENANT.auth0.com` or `TENANT.REGION.auth0.com`, lower-cased. */
const LOWER_CASE_TENANT_HOST = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)?\.auth0\.com$/;

/**
 * Why a given `--audience` may not be written into the user's code, or null when it may. It must
 * be exactly `https://HOST/api/v2/` with HOST a lower-case Auth0 tenant host, or one of the
 * private-cloud hosts the user allowed explicitly: the value lands verbatim in string literals,
 * query strings and HTML script blocks, so nothing else (quotes, `<`, spaces) can get through.
 */
export function audienceProblem(audience: string, allowedHosts: readonly string[] = []): string | null {
  const match = /^https:\/\/([^/]*)\/api\/v2\/$/.exec(audience);
  if (!match) {
    if (/^https:\/\/[^/]*\/api\/v2$/.test(audience)) {
      return `--audience ${audience} lacks the trailing slash, which is part of the identifier: use ${audience}/`;
    }
    return `--audience must be the Management API identifier of the tenant, https://TENANT[.REGION].auth0.com/api/v2/ (got ${JSON.stringify(audience)})`;
  }
  const host = match[1];
  if (LOWER_CASE_TENANT_HOST.test(host) || allowedHosts.includes(host)) return null;
  if (LOWER_CASE_TENANT_HOST.test(host.toLowerCase())) {
    return `--audience: write the host in lower case, https://${host.toLowerCase()}/api/v2/`;
  }
  return (
    `--audience host ${JSON.stringify(host)} is not an Auth0 tenant host (TENANT[.REGION].auth0.com). ` +
    'A private-cloud tenant host must also be given with --allow-audience-host HOST.'
  );
}

/** Why a host given to `--allow-audience-host` is not one, or null. */
export function allowedHostProblem(host: string): string | null {
  return LOWER_CASE_HOST.test(host) ? null : `--allow-audience-host needs a lower-case host name such as auth.example.com (got ${JSON.stringify(host)})`;
}
