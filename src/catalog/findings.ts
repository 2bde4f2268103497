/**
 * The finding codes: one table the transforms, the reporters (text advice, JSON, SARIF rules,
 * Markdown) and the README read. A code names what kind of place was left alone; the README has
 * one section per code, under a heading that is the code itself, so `README.md#<code>` links to it.
 */

/**
 * `warning`: the migration of a flow is blocked here, or something is left to do; `--check` fails
 * while one is open. `note`: the migration went through but needs something outside the code (a
 * dashboard setting, a user's consent); it never fails `--check`.
 */
export type FindingSeverity = 'warning' | 'note';

export interface FindingKind {
  /** A few words, for a rule title. */
  title: string;
  /** One sentence: what was found. */
  meaning: string;
  /** What the user should do about it. */
  whatToDo: string;
  severity: FindingSeverity;
}

export const FINDING_KINDS = {
  'custom-audience': {
    title: 'Login asks for another API',
    meaning: 'The login already requests an access token for another API, and a token can hold only one API audience.',
    whatToDo:
      "Keep that token for your API. Get a second token for the Management API, e.g. webAuth.checkSession({ audience: 'https://TENANT.auth0.com/api/v2/', scope: 'openid read:current_user' }, cb), and use it only for Management API calls.",
    severity: 'warning',
  },
  'custom-domain': {
    title: 'Login through a custom domain',
    meaning: "The login's domain is a custom domain; the Management API audience is always the tenant's own host.",
    whatToDo: 'Rerun with --audience https://TENANT[.REGION].auth0.com/api/v2/ (the tenant host shown in the dashboard).',
    severity: 'warning',
  },
  'unresolved-config': {
    title: 'Login options out of sight',
    meaning:
      'The codemod cannot see the login options, or which tenant they are for: they come from a spread or another module, a login call uses a client it cannot trace, or the domain is computed at run time.',
    whatToDo:
      "Add audience, scope and responseType: 'token id_token' where the options are built, or rerun with --audience https://TENANT.auth0.com/api/v2/.",
    severity: 'warning',
  },
  'untraceable-token': {
    title: 'Token of unknown origin',
    meaning: 'The token given to the Management API cannot be traced back to the login that produces it.',
    whatToDo: 'Pass the access token yourself (authResult.accessToken, or where the app stores it), then rerun so the login is migrated with it.',
    severity: 'warning',
  },
  'legacy-endpoint': {
    title: 'Login that cannot carry an audience',
    meaning:
      '/oauth/ro, loginWithResourceOwner, database.signIn, getDelegationToken, popup.passwordlessVerify, auth0.js v8 popup.loginWithCredentials, auth0-lock-passwordless 2.x and auth0.js v7 cannot return an access token for an API.',
    whatToDo:
      "Move to auth0.js v9 client.login / webAuth.login / passwordlessLogin, Lock 11 (Auth0LockPasswordless for passwordless) or node-auth0 passwordGrant, then rerun.",
    severity: 'warning',
  },
  'link-with-user-id': {
    title: 'Account linking by user_id',
    meaning: 'A raw identities POST sends provider + user_id; a current-user access token may not do that.',
    whatToDo: "Send the secondary account's ID token as link_with. Linking by user_id needs update:users, which belongs on a server.",
    severity: 'warning',
  },
  'client-secret-in-browser': {
    title: 'Client secret in browser code',
    meaning: 'A client secret reaches code that ships to the browser, as a literal or through a bundler environment variable.',
    whatToDo: 'Remove it from anything that reaches a browser, and rotate the secret in the dashboard (Applications > your app > Settings).',
    severity: 'warning',
  },
  'legacy-get-profile': {
    title: 'Lock 10 getProfile with an ID token',
    meaning:
      "Lock 10's getProfile(idToken) stops working once the login is OIDC-conformant, which the Management API audience requires.",
    whatToDo: 'Use getUserInfo(accessToken) (Lock 11), or read the profile with the Management API getUser, then rerun.',
    severity: 'warning',
  },
  'backend-only-endpoint': {
    title: 'Call a browser token can never make',
    meaning:
      "The call needs a scope that a user's token never gets (listing or searching users, other users' records, any-user scopes such as read:users).",
    whatToDo:
      'Move this call to a backend that uses a Machine-to-Machine application authorized for the Management API (client_credentials grant).',
    severity: 'warning',
  },
  'tenant-mismatch': {
    title: 'Management API of another tenant',
    meaning: "The Management API call goes to another tenant's host than the login that produces its token.",
    whatToDo: "Call the Management API on the login's tenant, or get the token from a login on the called tenant.",
    severity: 'warning',
  },
  'non-oidc-claims': {
    title: 'ID token claims that disappear',
    meaning:
      'The app reads user_metadata, app_metadata, identities or other non-namespaced claims from the ID token; OIDC-conformant logins do not put them there.',
    whatToDo:
      'Read them from the Management API profile (getUser, read:current_user) or add namespaced claims with an Action, then rerun.',
    severity: 'warning',
  },
  'rs256-required': {
    title: 'Secondary ID token must be RS256',
    meaning:
      "Account linking sends the secondary account's ID token as link_with; with a current-user access token Auth0 accepts it only when it is signed with RS256 by the same application.",
    whatToDo:
      'In the dashboard, check Applications > your app > Settings > Advanced Settings > OAuth > JSON Web Token Signature Algorithm is RS256.',
    severity: 'note',
  },
  'consent-required': {
    title: 'Users will be asked to consent',
    meaning:
      'The login now asks for the Management API audience; Auth0 asks each user to consent once (always on localhost, where consent cannot be skipped), and silent logins fail with consent_required until they have.',
    whatToDo:
      'Let the app handle consent_required from checkSession by calling authorize() interactively; test on a host other than localhost to see the production behaviour.',
    severity: 'note',
  },
} as const satisfies Record<string, FindingKind>;

/** Stable finding codes (the contract in DESIGN.md and the README). */
export type FindingCode = keyof typeof FINDING_KINDS;

export const FINDING_CODES = Object.keys(FINDING_KINDS) as FindingCode[];

export function findingKind(code: FindingCode): FindingKind {
  return FINDING_KINDS[code];
}

/** A finding's severity: notes never fail `--check`. */
export function severityOf(code: FindingCode): FindingSeverity {
  return FINDING_KINDS[code].severity;
}
