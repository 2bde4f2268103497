import type { ScopeMode } from '../types';

/**
 * The Management API endpoints the migration guide lists, with the minimal scope each needs in
 * each mode. One table; everything else (method names, raw URL matching, scope order) derives
 * from it. Source: the guide's scope matrix (reference/seed-000…md) and auth0.js's
 * `src/management/index.js` for the method → endpoint mapping.
 */
export interface EndpointSpec {
  /** Catalog id, e.g. `GET /api/v2/users/{id}`; used in reports. */
  id: string;
  method: 'GET' | 'PATCH' | 'POST' | 'DELETE';
  /** Matches the path after `/api/v2` with dynamic segments already normalised to `{}`. */
  pathPattern: RegExp;
  scopes: Record<ScopeMode, string>;
  /**
   * Whether a signed-in user's own token can call it at all: false where only any-user scopes
   * (read:users, update:users) are accepted, which Auth0 never grants to a user's login. Such a
   * call belongs in a backend (finding backend-only-endpoint).
   */
  browser: boolean;
}

export const ENDPOINTS: readonly EndpointSpec[] = [
  {
    id: 'GET /api/v2/users/{id}',
    method: 'GET',
    pathPattern: /^\/users\/\{\}$/,
    scopes: { 'current-user': 'read:current_user', 'any-user': 'read:users' },
    browser: true,
  },
  {
    id: 'GET /api/v2/users/{id}/enrollments',
    method: 'GET',
    pathPattern: /^\/users\/\{\}\/enrollments$/,
    scopes: { 'current-user': 'read:current_user', 'any-user': 'read:users' },
    browser: true,
  },
  {
    id: 'POST /api/v2/users/{id}/identities',
    method: 'POST',
    pathPattern: /^\/users\/\{\}\/identities$/,
    scopes: { 'current-user': 'update:current_user_identities', 'any-user': 'update:users' },
    browser: true,
  },
  {
    id: 'DELETE /api/v2/users/{id}/identities/{provider}/{user_id}',
    method: 'DELETE',
    pathPattern: /^\/users\/\{\}\/identities\/\{\}\/\{\}$/,
    scopes: { 'current-user': 'update:current_user_identities', 'any-user': 'update:users' },
    browser: true,
  },
  {
    id: 'PATCH /api/v2/users/{id}',
    method: 'PATCH',
    pathPattern: /^\/users\/\{\}$/,
    scopes: { 'current-user': 'update:current_user_metadata', 'any-user': 'update:users' },
    browser: true,
  },
  {
    id: 'DELETE /api/v2/users/{id}/multifactor/{provider}',
    method: 'DELETE',
    pathPattern: /^\/users\/\{\}\/multifactor\/\{\}$/,
    // The guide's matrix says delete:current_user_metadata; the Management API reference accepts
    // only update:users (delete-multifactor-by-provider.mdx). A user's token gets no update:users,
    // so the migrated call would be refused: it is left for a backend.
    scopes: { 'current-user': 'delete:current_user_metadata', 'any-user': 'update:users' },
    browser: false,
  },
  {
    id: 'POST /api/v2/device-credentials',
    method: 'POST',
    pathPattern: /^\/device-credentials$/,
    // The API reference accepts only the current-user scope here, whatever the mode.
    scopes: {
      'current-user': 'create:current_user_device_credentials',
      'any-user': 'create:current_user_device_credentials',
    },
    browser: true,
  },
  {
    id: 'DELETE /api/v2/device-credentials/{id}',
    method: 'DELETE',
    pathPattern: /^\/device-credentials\/\{\}$/,
    scopes: {
      'current-user': 'delete:current_user_device_credentials',
      'any-user': 'delete:device_credentials',
    },
    browser: true,
  },
  {
    // Listing or searching users (`?q=…`): other users' records, read:users only.
    id: 'GET /api/v2/users',
    method: 'GET',
    pathPattern: /^\/users$/,
    scopes: { 'current-user': 'read:users', 'any-user': 'read:users' },
    browser: false,
  },
  {
    id: 'GET /api/v2/users-by-email',
    method: 'GET',
    pathPattern: /^\/users-by-email$/,
    scopes: { 'current-user': 'read:users', 'any-user': 'read:users' },
    browser: false,
  },
];

/** The four methods of auth0.js `auth0.Management` (v8.0.0 – v10), and the endpoint each calls. */
export const MANAGEMENT_METHODS: Readonly<Record<string, string>> = {
  getUser: 'GET /api/v2/users/{id}',
  patchUserMetadata: 'PATCH /api/v2/users/{id}',
  patchUserAttributes: 'PATCH /api/v2/users/{id}',
  linkUser: 'POST /api/v2/users/{id}/identities',
};

/** The order in which missing scopes are appended: the guide's matrix order, current-user scopes first. */
export const SCOPE_ORDER: readonly string[] = [
  'read:current_user',
  'update:current_user_identities',
  'update:current_user_metadata',
  'delete:current_user_metadata',
  'create:current_user_device_credentials',
  'delete:current_user_device_credentials',
  'read:users',
  'update:users',
  'create:device_credentials',
  'delete:device_credentials',
];

/** Written where a config had no scope at all, so the ID token the app relies on keeps coming. */
export const DEFAULT_OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email'];

export function endpointById(id: string): EndpointSpec | undefined {
  return ENDPOINTS.find((e) => e.id === id);
}

/**
 * The endpoint a raw HTTP call reaches, or undefined. `path` is the part after `/api/v2`, with
 * every dynamic segment written as `{}` (e.g. `/users/{}/identities`).
 */
export function matchEndpoint(method: string, path: string): EndpointSpec | undefined {
  const m = method.toUpperCase();
  return ENDPOINTS.find((e) => e.method === m && e.pathPattern.test(path));
}

/** The scopes a set of endpoint ids needs in a mode, deduplicated, in catalog order. */
export function scopesForEndpoints(endpointIds: Iterable<string>, mode: ScopeMode): string[] {
  const wanted = new Set<string>();
  for (const id of endpointIds) {
    const spec = endpointById(id);
    if (spec) wanted.add(spec.scopes[mode]);
  }
  return sortScopes([...wanted]);
}

/** Catalog order; unknown scopes keep their relative order after the known ones. */
export function sortScopes(scopes: readonly string[]): string[] {
  const rank = (s: string): number => {
    const i = SCOPE_ORDER.indexOf(s);
    return i === -1 ? SCOPE_ORDER.length : i;
  };
  return [...new Set(scopes)]
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map(({ s }) => s);
}

/**
 * Merges scopes into an existing space-separated scope string: existing scopes keep their order
 * and spelling, missing ones are appended in catalog order. `undefined` (no scope set) yields
 * `openid profile email` plus the added scopes. Returns the input unchanged when nothing is missing,
 * so merging twice equals merging once.
 */
export function mergeScopeString(existing: string | undefined, add: readonly string[]): string {
  if (existing === undefined) return [...DEFAULT_OIDC_SCOPES, ...sortScopes(add)].join(' ');
  const present = new Set(existing.split(/\s+/).filter(Boolean));
  const missing = sortScopes(add.filter((s) => !present.has(s)));
  if (missing.length === 0) return existing;
  const trimmed = existing.replace(/\s+$/, '');
  if (trimmed === '') return missing.join(' ');
  return `${trimmed} ${missing.join(' ')}`;
}

/** `scope` with `openid` first when it lacks it: without it an OIDC-conformant login returns no ID token. */
export function withOpenid(scope: string): string {
  return scope.split(/\s+/).includes('openid') ? scope : `openid ${scope}`.trimEnd();
}

/** Parses `--scopes` input: comma- or space-separated. */
export function parseScopeList(value: string | readonly string[]): string[] {
  const parts = typeof value === 'string' ? [value] : value;
  return parts.flatMap((p) => p.split(/[\s,]+/)).filter(Boolean);
}

/** What one scope may hold: the characters Auth0 scopes are made of, and nothing that could end a string or a tag. */
const SCOPE_TOKEN = /^[A-Za-z0-9:_.-]+$/;

/** Why a scope list given on the command line may not be written into the user's code, or null. */
export function scopesProblem(scopes: readonly string[]): string | null {
  const bad = scopes.find((scope) => !SCOPE_TOKEN.test(scope));
  return bad === undefined ? null : `--scopes: ${JSON.stringify(bad)} is not a scope; each scope is made of letters, digits and : _ . -`;
}
