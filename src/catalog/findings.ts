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

export interface FindingCauseKind {
  /** The code whose findings may carry this cause. */
  code: FindingCode;
  /** A few words naming the cause, shown before its advice. */
  label: string;
  /** What to do about a finding with this cause; replaces the code's `whatToDo`. */
  advice: string;
}

/**
 * Why a finding was reported, more precisely than its code says: a finding may carry one of these
 * ids as its `cause`, and the summary prints this advice for it instead of the code's. The README
 * lists the causes under each code's heading.
 */
export const FINDING_CAUSES = {
  'spread-options': {
    code: 'unresolved-config',
    label: 'options from a spread or computed key',
    advice:
      "The spread (or computed key) may set audience, scope or responseType where the codemod cannot see it: write those keys in the object literal itself (or in the object that is spread, if it is in this repository), then rerun.",
  },
  'options-elsewhere': {
    code: 'unresolved-config',
    label: 'options built elsewhere',
    advice:
      "The options are not an object literal here (a variable, a parameter, another module): go to where they are built and add audience 'https://TENANT.auth0.com/api/v2/', the scopes the message lists (keep openid) and responseType 'token id_token'; or run the codemod on that module too.",
  },
  'imported-options': {
    code: 'unresolved-config',
    label: 'options in another module',
    advice:
      "The login's options (or a value in them) come from another module of this package, named in the message with its line, and need a change there: the codemod reads other modules but writes only to the login's own file, since a shared config may serve more than this login. Make the change there (in every environment file Angular swaps in at build time), then rerun.",
  },
  'non-literal-value': {
    code: 'unresolved-config',
    label: 'scope or responseType computed',
    advice:
      "The value is computed, so the codemod cannot add to it: make it include the scopes the message lists (keep openid) and ask for 'token id_token' (leave a code flow as it is), or turn it into a string literal and rerun.",
  },
  'lock10-oidc-flag': {
    code: 'unresolved-config',
    label: 'Lock 10 without oidcConformant',
    advice:
      'Lock 10 accepts an audience only with oidcConformant: true. Set it (after checking the app no longer calls getProfile(idToken) and that embedded login works with Cross-Origin Authentication), or move to Lock 11, then rerun.',
  },
  'lock10-get-profile': {
    code: 'legacy-get-profile',
    label: 'Lock 10 getProfile(idToken)',
    advice:
      "Lock 10's getProfile(idToken) calls /tokeninfo, which an OIDC-conformant login (needed for the Management API audience) no longer serves: replace it with lock.getUserInfo(accessToken, cb) (move to Lock 11 if your Lock has no getUserInfo), or read the profile with the Management API's getUser, then rerun.",
  },
  'lock10-popup': {
    code: 'unresolved-config',
    label: 'Lock 10 popup mode',
    advice:
      'Lock 10 in popup mode (auth.redirect: false) with oidcConformant cannot return an ID token: switch to redirect mode or to Lock 11, then rerun.',
  },
  'domain-out-of-sight': {
    code: 'unresolved-config',
    label: 'tenant domain out of sight',
    advice:
      'The codemod cannot tell which tenant this login talks to from here: rerun with --audience https://TENANT[.REGION].auth0.com/api/v2/ (the tenant host shown in the dashboard), or add the audience by hand.',
  },
  'computed-domain': {
    code: 'unresolved-config',
    label: 'domain computed by a call',
    advice:
      "An audience built from this domain would run the call again: keep the domain in a constant first and rerun, or add audience: 'https://TENANT.auth0.com/api/v2/' by hand, or rerun with --audience.",
  },
  'uneditable-url': {
    code: 'unresolved-config',
    label: '/authorize URL that cannot be edited in place',
    advice:
      'Add audience=https%3A%2F%2FTENANT.auth0.com%2Fapi%2Fv2%2F, the scopes the message lists and response_type=token%20id_token to this URL by hand.',
  },
  'management-options-elsewhere': {
    code: 'unresolved-config',
    label: 'Management client options built elsewhere',
    advice:
      'Where these options are built, give the Management client the access token the login now returns (authResult.accessToken, or where the app stores it), not the ID token.',
  },
  'opaque-audience': {
    code: 'unresolved-config',
    label: 'an audience the code does not show',
    advice:
      "Look at the value where it is defined (a config file, an environment variable). If it is the Management API's, write https://TENANT.auth0.com/api/v2/ in the code; if it is your own API's, keep it and get a second token for the Management API (see custom-audience). Then rerun.",
  },
  'own-api-audience': {
    code: 'custom-audience',
    label: "the login asks for your own API's token",
    advice:
      "Keep that token for your API. Get a second token for the Management API, e.g. webAuth.checkSession({ audience: 'https://TENANT.auth0.com/api/v2/', scope: 'openid read:current_user' }, cb), and use it only for Management API calls.",
  },
  'untraced-token': {
    code: 'untraceable-token',
    label: 'token of unknown origin',
    advice:
      'Pass the access token yourself (authResult.accessToken, or where the app stores it), then rerun so the login is migrated with it.',
  },
  'no-authorization-header': {
    code: 'untraceable-token',
    label: 'no Authorization header in sight',
    advice:
      "Find where this request gets its Authorization header (an interceptor, a wrapper, default headers) and make it send 'Bearer ' + the Management API access token for this call.",
  },
  'shared-auth-wrapper': {
    code: 'untraceable-token',
    label: 'a wrapper signs the request with its own token',
    advice:
      "The wrapper (a function, $.ajaxSetup or a request interceptor) adds its own Authorization header to every request it sends, and the codemod cannot tell which of them go to the Management API: give the Management API calls the access token (e.g. a wrapper of their own with 'Bearer ' + the access token, or fetch with that header here), then rerun so the login is migrated with them.",
  },
  'shared-request-options': {
    code: 'untraceable-token',
    label: 'request options other code reads too',
    advice:
      "The token sits in options (or headers) declared once and read by other code as well (another request, or a change after they are built): give the Management API call options of its own with 'Bearer ' + the access token, then rerun so the login is migrated with it.",
  },
  'angular-jwt': {
    code: 'untraceable-token',
    label: 'angular-jwt sends the token',
    advice:
      "Send the Management API calls with skipAuthorization: true and your own 'Bearer ' + access token header, or make tokenGetter return the access token for the tenant's host. With angular2-jwt's AuthHttp, send these calls with Angular's Http and a 'Bearer ' + access token header of their own.",
  },
  'no-twin-storage': {
    code: 'untraceable-token',
    label: 'access token cannot be stored beside the ID token',
    advice:
      "Store the access token next to where the ID token is stored (e.g. localStorage.setItem('access_token', authResult.accessToken)), then rerun.",
  },
  'resource-owner': {
    code: 'legacy-endpoint',
    label: 'resource-owner login (/oauth/ro)',
    advice:
      'Move to the password-realm grant: auth0.js v9 client.login({ realm, username, password }) or node-auth0 passwordGrant, then rerun.',
  },
  delegation: {
    code: 'legacy-endpoint',
    label: 'delegation (getDelegationToken, renewIdToken)',
    advice: 'Delegation is deprecated and returns no access token: get a fresh token with checkSession (auth0.js v9), then rerun.',
  },
  'auth0js-v7': {
    code: 'legacy-endpoint',
    label: 'auth0.js v7',
    advice: 'auth0.js v7 has no audience option: move to auth0.js v9 (new auth0.WebAuth({ domain, clientID, responseType, scope })), then rerun.',
  },
  'auth0js-v8-popup': {
    code: 'legacy-endpoint',
    label: 'auth0.js v8 popup.loginWithCredentials',
    advice: 'auth0.js v8 drops the audience in popup.loginWithCredentials: upgrade to auth0.js v9 (or use webAuth.login), then rerun.',
  },
  'passwordless-verify': {
    code: 'legacy-endpoint',
    label: 'popup.passwordlessVerify',
    advice: 'popup.passwordlessVerify uses /oauth/ro: move to webAuth.passwordlessLogin, then rerun.',
  },
  'lock-passwordless-v2': {
    code: 'legacy-endpoint',
    label: 'auth0-lock-passwordless 2.x',
    advice: "Move to Lock 11's Auth0LockPasswordless, which can ask for an audience, then rerun.",
  },
  'storage-not-written': {
    code: 'untraceable-token',
    label: 'nothing stores the token read here',
    advice:
      "Store the access token where the login stores the ID token (e.g. localStorage.setItem('access_token', authResult.accessToken)) and read it here, then rerun.",
  },
  'no-login': {
    code: 'untraceable-token',
    label: 'no login in sight produces this token',
    advice:
      'Run the codemod on the whole package so it sees the login, or pass the access token of a login that asks for the Management API audience here; rerun with --scopes once that login is migrated.',
  },
  'any-user-scope-mode': {
    code: 'backend-only-endpoint',
    label: 'any-user scopes asked of a browser login',
    advice:
      'A login never gets any-user scopes: move these calls to a backend with a Machine-to-Machine application (client_credentials), or rerun with current-user scopes.',
  },
  'backend-only': {
    code: 'backend-only-endpoint',
    label: 'endpoint no user token can call',
    advice:
      'Move this call to a backend that uses a Machine-to-Machine application authorized for the Management API (client_credentials grant); the rest of the flow stays as it is until then.',
  },
  'unknown-calls': {
    code: 'unresolved-config',
    label: 'no Management API call in sight',
    advice: 'Rerun with --scopes listing the scopes the calls made with this login need, e.g. --scopes read:current_user.',
  },
  'unknown-endpoint': {
    code: 'unresolved-config',
    label: 'endpoint built at run time',
    advice:
      'Write the path so the endpoint can be read (a literal path with the user id as the only variable part), or rerun with --scopes listing every endpoint it may call.',
  },
  'login-not-in-run': {
    code: 'unresolved-config',
    label: "the flow's login is another transform's",
    advice: 'Run the transform that migrates the login (or all) first, or together with this one.',
  },
} as const satisfies Record<string, FindingCauseKind>;

/** Ids a finding's `cause` may take (see FINDING_CAUSES). */
export type FindingCause = keyof typeof FINDING_CAUSES;

export const FINDING_CAUSE_IDS = Object.keys(FINDING_CAUSES) as FindingCause[];

/** The advice for one finding: its cause's when it has one of this code, else its code's. */
export function adviceFor(code: FindingCode, cause?: string): { label: string | null; advice: string } {
  const kind = cause === undefined ? undefined : (FINDING_CAUSES as Record<string, FindingCauseKind>)[cause];
  if (kind && kind.code === code) return { label: kind.label, advice: kind.advice };
  return { label: null, advice: FINDING_KINDS[code].whatToDo };
}

/**
 * Where a code is explained: the heading of that name in this package's README (which npm ships
 * with the package), as ESLint links each rule to its page.
 */
export const DOCS_PAGE = 'README.md';

export function docsLink(code: FindingCode): string {
  return `${DOCS_PAGE}#${code}`;
}
