/**
 * The emulated tenant's Management API v2 endpoint → scope table, written from Auth0's Management
 * API v2 reference (the `<Scopes scopes={[...]} />` line of each endpoint page in auth0/docs-v2,
 * `main/docs/api/management/v2/<group>/<page>.mdx`, live at https://auth0.com/docs/api/management/v2)
 * and not from the migration guide the tool's catalog (`src/catalog/scopes.ts`) follows, so that a
 * misreading shared by both cannot pass unnoticed. `test/e2e/tenant-catalog.test.ts` lists where
 * the two tables disagree.
 */

export interface ManagementEndpoint {
  /** `METHOD /api/v2/...` with `{name}` placeholders, the notation of the codemod's report. */
  id: string;
  method: 'GET' | 'PATCH' | 'POST' | 'DELETE';
  path: RegExp;
  /** The scopes the API reference lists: a token holding any one of them may call the endpoint. */
  scopes: readonly string[];
  /** The reference page the scopes come from. */
  source: string;
  /** Scopes another Auth0 page also documents for the endpoint, with that page. */
  alsoDocumented?: { scopes: readonly string[]; source: string };
}

const REFERENCE = 'auth0/docs-v2:main/docs/api/management/v2';
const SPA_TOKENS_PAGE =
  'auth0/docs-v2:main/docs/secure/tokens/access-tokens/management-api-access-tokens/get-management-api-tokens-for-single-page-applications.mdx';

export const MANAGEMENT_ENDPOINTS: readonly ManagementEndpoint[] = [
  {
    id: 'GET /api/v2/users',
    method: 'GET',
    path: /^\/api\/v2\/users$/,
    scopes: ['read:users', 'read:user_idp_tokens'],
    source: `${REFERENCE}/users/get-users.mdx`,
  },
  {
    id: 'GET /api/v2/users-by-email',
    method: 'GET',
    path: /^\/api\/v2\/users-by-email$/,
    scopes: ['read:users'],
    source: `${REFERENCE}/users-by-email/get-users-by-email.mdx`,
  },
  {
    id: 'GET /api/v2/users/{id}',
    method: 'GET',
    path: /^\/api\/v2\/users\/([^/]+)$/,
    scopes: ['read:users', 'read:current_user', 'read:user_idp_tokens'],
    source: `${REFERENCE}/users/get-users-by-id.mdx`,
  },
  {
    id: 'GET /api/v2/users/{id}/enrollments',
    method: 'GET',
    path: /^\/api\/v2\/users\/([^/]+)\/enrollments$/,
    scopes: ['read:users', 'read:current_user'],
    source: `${REFERENCE}/users/get-enrollments.mdx`,
  },
  {
    id: 'PATCH /api/v2/users/{id}',
    method: 'PATCH',
    path: /^\/api\/v2\/users\/([^/]+)$/,
    scopes: ['update:users', 'update:users_app_metadata', 'update:current_user_metadata'],
    source: `${REFERENCE}/users/patch-users-by-id.mdx`,
    alsoDocumented: { scopes: ['create:current_user_metadata'], source: SPA_TOKENS_PAGE },
  },
  {
    id: 'POST /api/v2/users/{id}/identities',
    method: 'POST',
    path: /^\/api\/v2\/users\/([^/]+)\/identities$/,
    scopes: ['update:users', 'update:current_user_identities'],
    source: `${REFERENCE}/users/post-identities.mdx`,
  },
  {
    id: 'DELETE /api/v2/users/{id}/identities/{provider}/{user_id}',
    method: 'DELETE',
    path: /^\/api\/v2\/users\/([^/]+)\/identities\/([^/]+)\/([^/]+)$/,
    scopes: ['update:users', 'update:current_user_identities'],
    source: `${REFERENCE}/users/delete-user-identity-by-user-id.mdx`,
  },
  {
    id: 'DELETE /api/v2/users/{id}/multifactor/{provider}',
    method: 'DELETE',
    path: /^\/api\/v2\/users\/([^/]+)\/multifactor\/([^/]+)$/,
    scopes: ['update:users'],
    source: `${REFERENCE}/users/delete-multifactor-by-provider.mdx`,
  },
  {
    id: 'POST /api/v2/device-credentials',
    method: 'POST',
    path: /^\/api\/v2\/device-credentials$/,
    scopes: ['create:current_user_device_credentials'],
    source: `${REFERENCE}/device-credentials/post-device-credentials.mdx`,
  },
  {
    id: 'DELETE /api/v2/device-credentials/{id}',
    method: 'DELETE',
    path: /^\/api\/v2\/device-credentials\/([^/]+)$/,
    scopes: ['delete:device_credentials', 'delete:current_user_device_credentials'],
    source: `${REFERENCE}/device-credentials/delete-device-credentials-by-id.mdx`,
  },
];

/**
 * The Management API scopes a user-based grant (implicit, authorization code, password,
 * password-realm, refresh token) can carry: the `current_user` scopes, listed in
 * auth0/docs-v2:main/docs/libraries/auth0js.mdx ("User management"). The SPA tokens page lists six
 * of them (without `delete:current_user_metadata`) and says such tokens "are issued in the context
 * of the user who is currently signed in … which limits updates to only the logged-in user's data".
 * Any other Management scope requested in such a grant is dropped from the token; a real tenant logs
 * "Attempting to add scopes to an access token for an internal audience … These scopes were ignored".
 */
export const CURRENT_USER_SCOPES: readonly string[] = [
  'read:current_user',
  'update:current_user_identities',
  'create:current_user_metadata',
  'update:current_user_metadata',
  'delete:current_user_metadata',
  'create:current_user_device_credentials',
  'delete:current_user_device_credentials',
];

/** Every scope an endpoint of the table accepts. */
export function acceptedScopes(endpoint: ManagementEndpoint): string[] {
  return [...endpoint.scopes, ...(endpoint.alsoDocumented?.scopes ?? [])];
}

/** Every Management scope the table or the current-user list names. */
export const MANAGEMENT_SCOPES: readonly string[] = [
  ...new Set([...MANAGEMENT_ENDPOINTS.flatMap(acceptedScopes), ...CURRENT_USER_SCOPES]),
];

export function findEndpoint(method: string, path: string): ManagementEndpoint | undefined {
  return MANAGEMENT_ENDPOINTS.find((e) => e.method === method && e.path.test(path));
}
