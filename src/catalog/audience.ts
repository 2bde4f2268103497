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
  return `https://${normaliseHost(host)}/api/v2/`;
}

/** True for `https://…/api/v2/` (with or without the trailing slash). */
export function isManagementAudience(audience: string): boolean {
  return /^https:\/\/[^/]+\/api\/v2\/?$/.test(audience.trim());
}

/** True for the OIDC `/userinfo` audience, which an app may replace by the Management API's. */
export function isUserinfoAudience(audience: string): boolean {
  return /^https:\/\/[^/]+\/userinfo\/?$/.test(audience.trim());
}
