import { describe, expect, it } from 'vitest';
import { acting, decisionOf, findingsOf, notesOf, planFile, planPackage, siteOf, sitesOf, where } from './helpers';

/**
 * The package plan (src/plan/plan.ts) decided from the sites the transforms find in real code:
 * each test reads "this package → these decisions". Sites come from the transforms' first run
 * with the package's facts, as the runner builds them; `planFile` is stock jscodeshift's view.
 */

/** A browser login that keeps its ID token in localStorage after the redirect. */
const AUTH = `var webAuth = new auth0.WebAuth({ domain: 'example-tenant.auth0.com', clientID: 'abc', responseType: 'id_token', scope: 'openid' });
webAuth.parseHash(function (err, authResult) {
  localStorage.setItem('id_token', authResult.idToken);
});
webAuth.authorize();
`;

/** Another file hands the stored ID token to the Management API. */
const PROFILE = `var management = new auth0.Management({ domain: 'example-tenant.auth0.com', token: localStorage.getItem('id_token') });
management.getUser('me', function () {});
`;

/** A user search: `GET /api/v2/users` needs read:users, which no user's login is given. */
const SEARCH = `fetch('https://example-tenant.auth0.com/api/v2/users?q=email:x', { headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') } });
`;

/** A per-call login (checkSession) whose result goes straight to the Management API. */
const CHECK_SESSION = `const auth0 = require('auth0-js');
const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc' });
webAuth.checkSession({}, function (err, result) {
  new auth0.Management({ domain: 'acme.auth0.com', token: result.idToken }).getUser(result.idTokenPayload.sub, render);
});
`;

/** A Node script: a password grant whose ID token calls a backend-only endpoint. */
const NODE_SEARCH = `const { AuthenticationClient } = require('auth0');
const auth = new AuthenticationClient({ domain: 'acme.auth0.com', clientId: 'x' });
auth.passwordGrant({ username: 'a', password: 'b' }, function (err, tokens) {
  fetch('https://acme.auth0.com/api/v2/users?q=email:x', { headers: { Authorization: 'Bearer ' + tokens.id_token } });
});
`;

/** A Node script: a password grant whose ID token reads the user's own profile. */
const NODE_PROFILE = `const { AuthenticationClient, ManagementClient } = require('auth0');
const auth = new AuthenticationClient({ domain: 'acme.auth0.com', clientId: 'x' });
auth.passwordGrant({ username: 'a', password: 'b' }, function (err, tokens) {
  new ManagementClient({ domain: 'acme.auth0.com', token: tokens.id_token }).getUser({ id: 'me' }, done);
});
`;

/** Already migrated: the login asks for the audience, and every Management call reads the access token. */
const ALREADY = `var webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc',
  audience: 'https://acme.auth0.com/api/v2/',
  responseType: 'token id_token',
  scope: 'openid read:current_user update:current_user_metadata'
});
webAuth.parseHash(function (err, authResult) {
  localStorage.setItem('access_token', authResult.accessToken);
  new auth0.Management({ domain: 'acme.auth0.com', token: authResult.accessToken }).getUser(authResult.idTokenPayload.sub, render);
});
function patch(userId, metadata) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, {
    method: 'PATCH',
    headers: { Authorization: 'Bearer ' + localStorage.getItem('access_token') },
    body: JSON.stringify({ user_metadata: metadata })
  });
}
`;

/** Account linking: a second login whose ID token is the `link_with` proof (it stays an ID token). */
const LINK = `var linkAuth = new auth0.WebAuth({ domain: 'example-tenant.auth0.com', clientID: 'abc', responseType: 'id_token', scope: 'openid' });
linkAuth.authorize({ prompt: 'login' });
linkAuth.parseHash(function (err, secondary) {
  var management = new auth0.Management({ domain: 'example-tenant.auth0.com', token: localStorage.getItem('id_token') });
  management.linkUser(localStorage.getItem('user_id'), secondary.idToken, function () {});
});
`;

/** Account linking with jQuery from a stored ID token nothing in the package writes. */
const LINK_UNWRITTEN = `function linkAccount(secondaryJWT) {
  $.ajax({
    type: 'POST',
    url: 'https://acme.auth0.com/api/v2/users/' + localStorage.getItem('user_id') + '/identities',
    data: { link_with: secondaryJWT },
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') }
  });
}
`;

describe('a flow every site of which can be migrated', () => {
  it('migrates whole: the login, the storage write and the Management call all act, with the scopes its calls need', () => {
    const p = planPackage({ 'src/auth.js': AUTH, 'src/profile.js': PROFILE });
    expect(acting(p)).toEqual(['src/auth.js:1:producer', 'src/auth.js:5:producer', 'src/auth.js:3:carrier', 'src/profile.js:1:consumer']);
    for (const s of p.input.sites) expect(decisionOf(p, s)).toEqual({ act: true, scopes: ['read:current_user'] });
    expect(findingsOf(p)).toEqual([]);
    expect(p.plan.flows).toHaveLength(1);
    const [flow] = p.plan.flows;
    expect(flow.status).toBe('migrate');
    expect(flow.scopes).toEqual(['read:current_user']);
    expect(flow.endpoints).toEqual(['GET /api/v2/users/{id}']);
    expect(flow.blockedAt).toBeUndefined();
    expect(flow.sites.map(where)).toEqual(['src/auth.js:1:producer', 'src/auth.js:3:carrier', 'src/auth.js:5:producer', 'src/profile.js:1:consumer']);
    expect(p.plan.scopes).toEqual(['read:current_user']);
  });

  it('gives every site of the flow the scopes of all its calls', () => {
    const p = planPackage({ 'src/auth.js': AUTH, 'src/profile.js': PROFILE, 'src/link.js': LINK });
    const scopes = ['read:current_user', 'update:current_user_identities'];
    const primary = siteOf(p, { file: 'src/auth.js', role: 'producer', line: 1 });
    expect(decisionOf(p, primary)).toEqual({ act: true, scopes });
    expect(decisionOf(p, siteOf(p, { file: 'src/profile.js', role: 'consumer' }))).toEqual({ act: true, scopes });
    expect(decisionOf(p, siteOf(p, { file: 'src/link.js', role: 'consumer' }))).toEqual({ act: true, scopes });
    expect(p.plan.flows.map((f) => [f.status, f.endpoints])).toEqual([['migrate', ['GET /api/v2/users/{id}', 'POST /api/v2/users/{id}/identities']]]);
    expect(p.plan.scopes).toEqual(scopes);
  });

  it('leaves the secondary login of account linking out of the flow: it keeps its config', () => {
    const p = planPackage({ 'src/auth.js': AUTH, 'src/profile.js': PROFILE, 'src/link.js': LINK });
    const linkLogins = sitesOf(p, { file: 'src/link.js', role: 'producer' });
    expect(linkLogins.length).toBeGreaterThan(0);
    for (const s of linkLogins) expect(decisionOf(p, s)).toEqual({ act: false, scopes: [] });
    expect(p.plan.flows.flatMap((f) => f.sites).filter((s) => s.file === 'src/link.js').map(where)).toEqual(['src/link.js:4:consumer']);
  });
});

describe('one site that cannot be migrated holds its whole flow', () => {
  it('a call only a backend can make holds the login, the storage write and the other calls that share its stored token', () => {
    const p = planPackage({ 'src/auth.js': AUTH, 'src/profile.js': PROFILE, 'src/search.js': SEARCH });
    const search = siteOf(p, { file: 'src/search.js', role: 'consumer' });
    expect(search.outcome).toBe('blocked');
    // Only the blocking call acts, and only for the finding it reports; its edits are dropped.
    expect(decisionOf(p, search)).toMatchObject({ act: true, reportOnly: true });
    for (const s of p.input.sites.filter((x) => x !== search)) expect(decisionOf(p, s)).toEqual({ act: false, scopes: [] });
    expect(findingsOf(p)).toEqual([{ at: 'src/search.js:1:consumer', code: 'backend-only-endpoint' }]);
    const [flow] = p.plan.flows;
    expect(p.plan.flows).toHaveLength(1);
    expect(flow.status).toBe('blocked');
    expect(flow.scopes).toEqual([]);
    expect(flow.endpoints).toEqual(['GET /api/v2/users', 'GET /api/v2/users/{id}']);
    expect(flow.blockedAt).toEqual({ file: 'src/search.js', line: 1, column: search.column, role: 'consumer', transform: 'management-token', code: 'backend-only-endpoint' });
    expect(p.plan.scopes).toEqual([]);
    expect(p.plan.notes).toEqual([]);
  });

  it('a login on a custom domain holds the Management call that reads its token; the finding is at the login', () => {
    const p = planPackage({ 'src/auth.js': AUTH.replace("domain: 'example-tenant.auth0.com'", "domain: 'login.example.com'"), 'src/profile.js': PROFILE });
    const login = siteOf(p, { file: 'src/auth.js', role: 'producer', line: 1 });
    expect(login.finding).toBe('custom-domain');
    expect(acting(p)).toEqual(['src/auth.js:1:producer']);
    expect(decisionOf(p, login)).toMatchObject({ act: true, reportOnly: true });
    expect(decisionOf(p, siteOf(p, { role: 'consumer' }))).toEqual({ act: false, scopes: [] });
    expect(findingsOf(p)).toEqual([{ at: 'src/auth.js:1:producer', code: 'custom-domain' }]);
    expect(p.plan.flows.map((f) => [f.status, f.blockedAt?.code, f.blockedAt?.role])).toEqual([['blocked', 'custom-domain', 'producer']]);
  });

  it('Lock 10 getProfile with the ID token (a blocker) holds the flow it belongs to', () => {
    const auth = `var lock = new Auth0Lock('abc', 'example-tenant.auth0.com');
lock.on('authenticated', function (authResult) {
  localStorage.setItem('id_token', authResult.idToken);
  lock.getProfile(authResult.idToken, function (error, profile) { render(profile); });
});
lock.show();
`;
    const p = planPackage({ 'src/auth.js': auth, 'src/profile.js': PROFILE });
    const blocker = siteOf(p, { role: 'blocker' });
    expect(blocker.finding).toBe('legacy-get-profile');
    expect(acting(p)).toEqual([where(blocker)]);
    expect(findingsOf(p)).toEqual([{ at: where(blocker), code: 'legacy-get-profile' }]);
    expect(p.plan.flows.map((f) => [f.status, f.blockedAt && where(f.blockedAt), f.blockedAt?.code])).toEqual([['blocked', where(blocker), 'legacy-get-profile']]);
  });

  it('a request to an endpoint built at run time holds its flow: unresolved-config at the request', () => {
    const p = planPackage({
      'src/a.js': CHECK_SESSION.replace(
        /new auth0\.Management\(.*\n/,
        "fetch('https://acme.auth0.com/api/v2/users/' + result.idTokenPayload.sub + '/' + what, { method: verb, headers: { Authorization: 'Bearer ' + result.idToken } });\n",
      ),
    });
    expect(siteOf(p, { role: 'consumer' }).unknownEndpoint).toBe(true);
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toMatchObject([{ at: 'src/a.js:4:consumer', code: 'unresolved-config' }]);
  });

  it('a Management call to another tenant than its login: tenant-mismatch at the call, the login left alone', () => {
    const p = planPackage({ 'src/a.js': CHECK_SESSION.replace("new auth0.Management({ domain: 'acme.auth0.com'", "new auth0.Management({ domain: 'other.auth0.com'") });
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toEqual([
      {
        at: 'src/a.js:4:consumer',
        code: 'tenant-mismatch',
        message: "This Management API call goes to other.auth0.com, but its token comes from a login on acme.auth0.com: an access token works only on its own tenant's Management API.",
      },
    ]);
    expect(p.plan.flows.map((f) => [f.status, f.blockedAt?.code])).toEqual([['blocked', 'tenant-mismatch']]);
  });
});

describe('flows of one package are decided each on its own', () => {
  it('a blocked flow holds only itself: the other flow migrates, and the package asks only for its scopes', () => {
    const p = planPackage({ 'scripts/search.js': NODE_SEARCH, 'src/a.js': CHECK_SESSION });
    expect(p.plan.flows.map((f) => [f.status, f.sites.map(where)])).toEqual([
      ['blocked', ['scripts/search.js:3:producer', 'scripts/search.js:4:consumer']],
      ['migrate', ['src/a.js:2:producer', 'src/a.js:3:producer', 'src/a.js:4:consumer']],
    ]);
    for (const s of sitesOf(p, { file: 'src/a.js' })) expect(decisionOf(p, s)).toEqual({ act: true, scopes: ['read:current_user'] });
    expect(decisionOf(p, siteOf(p, { file: 'scripts/search.js', role: 'producer' }))).toEqual({ act: false, scopes: [] });
    expect(findingsOf(p)).toEqual([{ at: 'scripts/search.js:4:consumer', code: 'backend-only-endpoint' }]);
    // read:users, which only the blocked call needs, is asked for nowhere.
    expect(p.plan.scopes).toEqual(['read:current_user']);
    expect(p.plan.flows[1].scopes).toEqual(['read:current_user']);
    expect(notesOf(p)).toEqual(['consent-required@src/a.js:2']);
  });

  it('two flows that can both migrate both do, each with its own endpoints', () => {
    const p = planPackage({ 'scripts/profile.js': NODE_PROFILE, 'src/a.js': CHECK_SESSION });
    expect(p.plan.flows.map((f) => [f.status, f.endpoints, f.sites[0].file])).toEqual([
      ['migrate', ['GET /api/v2/users/{id}'], 'scripts/profile.js'],
      ['migrate', ['GET /api/v2/users/{id}'], 'src/a.js'],
    ]);
    expect(acting(p)).toHaveLength(p.input.sites.length);
  });
});

describe('a consumer is never switched while its login is held back', () => {
  it('management-token alone, with a login webauth-config would still edit: login-not-in-run at the call, the storage write left alone', () => {
    const p = planPackage({ 'src/auth.js': AUTH, 'src/profile.js': PROFILE }, { selected: ['management-token'] });
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toEqual([
      {
        at: 'src/profile.js:1:consumer',
        code: 'unresolved-config',
        cause: 'login-not-in-run',
        message:
          'The login that produces this token (src/auth.js:1) is migrated by the webauth-config transform, which is not part of this run; run it (or all) first, then this one.',
      },
    ]);
    expect(p.plan.flows.map((f) => [f.status, f.blockedAt && where(f.blockedAt), f.blockedAt?.code])).toEqual([
      ['blocked', 'src/profile.js:1:consumer', 'unresolved-config'],
    ]);
    expect(p.plan.scopes).toEqual([]);
    expect(p.plan.notes).toEqual([]);
  });

  it('calls that already send the access token, behind a login the run does not migrate: login-not-in-run, nothing counted as migrated', () => {
    const profile = PROFILE.replace("getItem('id_token')", "getItem('access_token')");
    const auth = AUTH.replace("localStorage.setItem('id_token', authResult.idToken);", "localStorage.setItem('access_token', authResult.accessToken);");
    expect(auth).not.toBe(AUTH);
    const p = planPackage({ 'src/auth.js': auth, 'src/profile.js': profile }, { selected: ['management-token'] });
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p).map((f) => [f.at, f.cause])).toEqual([['src/profile.js:1:consumer', 'login-not-in-run']]);
    expect(p.plan.flows.map((f) => f.status)).toEqual(['blocked']);
    expect(p.plan.scopes).toEqual([]);
  });

  it('a token request the run does not migrate holds its call too (token-request not selected)', () => {
    const p = planPackage({ 'scripts/profile.js': NODE_PROFILE }, { selected: ['webauth-config', 'management-token'] });
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toMatchObject([{ at: 'scripts/profile.js:4:consumer', cause: 'login-not-in-run', message: expect.stringContaining('token-request transform') }]);
  });

  it('management-token alone switches the call when its login needs no edit (it already asks for the audience)', () => {
    const ready = CHECK_SESSION.replace("clientID: 'abc'", "clientID: 'abc', audience: 'https://acme.auth0.com/api/v2/', responseType: 'token id_token', scope: 'openid read:current_user'");
    const p = planPackage({ 'src/a.js': ready }, { selected: ['management-token'] });
    expect(sitesOf(p, { role: 'producer' }).map((s) => s.outcome)).toEqual(['none', 'none']);
    expect(decisionOf(p, siteOf(p, { role: 'consumer' }))).toEqual({ act: true, scopes: ['read:current_user'] });
    expect(findingsOf(p)).toEqual([]);
  });

  it('the login transform alone migrates the login: a login that asks for more never breaks its ID-token call', () => {
    const p = planPackage({ 'src/auth.js': AUTH, 'src/profile.js': PROFILE }, { selected: ['webauth-config'] });
    expect(p.plan.flows.map((f) => f.status)).toEqual(['migrate']);
    expect(decisionOf(p, siteOf(p, { role: 'producer', line: 1 }))).toEqual({ act: true, scopes: ['read:current_user'] });
    expect(findingsOf(p)).toEqual([]);
  });

  it('a blocked flow none of whose transforms runs is reported by no site', () => {
    const p = planPackage({ 'src/auth.js': AUTH, 'src/profile.js': PROFILE, 'src/search.js': SEARCH }, { selected: ['authorize-url'] });
    expect(p.plan.flows.map((f) => [f.status, f.blockedAt?.code])).toEqual([['blocked', 'backend-only-endpoint']]);
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toEqual([]);
  });

  it('a flow the plan holds (no write of its stored token) is reported by no site when none of its transforms runs', () => {
    expect(findingsOf(planPackage({ 'src/profile.js': PROFILE }, { selected: ['webauth-config'] }))).toEqual([]);
    expect(findingsOf(planPackage({ 'src/profile.js': PROFILE }, { selected: ['management-token'] })).map((f) => f.cause)).toEqual(['storage-not-written']);
  });

  it('a blocked site whose transform does not run still reports, when the run has a part in its flow', () => {
    const custom = AUTH.replace("domain: 'example-tenant.auth0.com'", "domain: 'login.example.com'");
    const p = planPackage({ 'src/auth.js': custom, 'src/profile.js': PROFILE }, { selected: ['management-token'] });
    expect(findingsOf(p)).toEqual([{ at: 'src/auth.js:1:producer', code: 'custom-domain' }]);
    expect(decisionOf(p, siteOf(p, { role: 'consumer' }))).toEqual({ act: false, scopes: [] });
  });
});

describe('tokens kept in Web Storage', () => {
  it('a stored ID token read that nothing in the package writes: untraceable-token, storage-not-written, at the read', () => {
    const p = planPackage({ 'src/profile.js': PROFILE });
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toEqual([
      {
        at: 'src/profile.js:1:consumer',
        code: 'untraceable-token',
        cause: 'storage-not-written',
        message:
          "Nothing in this package stores 'id_token', so the codemod cannot store the access token beside it: store the access token where the ID token is stored and read it here.",
      },
    ]);
    expect(p.plan.flows.map((f) => [f.status, f.blockedAt?.code])).toEqual([['blocked', 'untraceable-token']]);
  });

  it('one finding per blocked flow: the first call reports, the other calls of the same flow are quietly held', () => {
    const p = planPackage({ 'src/link.js': LINK_UNWRITTEN, 'src/profile.js': PROFILE });
    expect(p.plan.flows).toHaveLength(1);
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p).map((f) => [f.at, f.cause])).toEqual([['src/link.js:6:consumer', 'storage-not-written']]);
  });

  it('a login whose stored token no Management call reads is no flow to migrate', () => {
    const p = planPackage({ 'src/auth.js': AUTH });
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toEqual([]);
    expect(p.plan.flows.map((f) => [f.status, f.sites.map((s) => s.role)])).toEqual([['out-of-scope', ['producer', 'producer']]]);
    expect(p.plan.scopes).toEqual([]);
  });
});

describe('an already-migrated flow', () => {
  it('is left alone, reports nothing, and still counts its scopes', () => {
    const p = planPackage({ 'src/a.js': ALREADY });
    expect(p.plan.flows.map((f) => [f.status, f.scopes])).toEqual([['already-migrated', ['read:current_user', 'update:current_user_metadata']]]);
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toEqual([]);
    expect(p.plan.notes).toEqual([]);
    expect(p.plan.scopes).toEqual(['read:current_user', 'update:current_user_metadata']);
  });

  it('beside a flow to migrate: each keeps its own decisions, and the package asks for the scopes of both', () => {
    const p = planPackage({ 'scripts/profile.js': NODE_PROFILE, 'src/a.js': ALREADY });
    expect(p.plan.flows.map((f) => [f.status, f.sites[0].file, f.scopes])).toEqual([
      ['migrate', 'scripts/profile.js', ['read:current_user']],
      ['already-migrated', 'src/a.js', ['read:current_user', 'update:current_user_metadata']],
    ]);
    expect(acting(p)).toEqual(['scripts/profile.js:3:producer', 'scripts/profile.js:4:consumer']);
    expect(p.plan.scopes).toEqual(['read:current_user', 'update:current_user_metadata']);
  });

  it('joins a browser login to migrate when both come back through the redirect: the flow is migrated, not left as already migrated', () => {
    // Any redirect login could be behind a parsed redirect, so the already-migrated storage write
    // and this second login are one flow, and the ID-token call in it still needs switching.
    const p = planPackage({ 'src/a.js': ALREADY, 'src/b.js': CHECK_SESSION.replace(/webAuth/g, 'sessionAuth') });
    expect(p.plan.flows.map((f) => f.status)).toEqual(['migrate']);
    expect(decisionOf(p, siteOf(p, { file: 'src/b.js', role: 'consumer' }))).toEqual({ act: true, scopes: ['read:current_user', 'update:current_user_metadata'] });
  });
});

describe('notes go with migrated flows', () => {
  it('consent-required once per migrated flow, at its browser login; none for a password grant', () => {
    const p = planPackage({ 'src/auth.js': AUTH, 'src/profile.js': PROFILE, 'scripts/profile.js': NODE_PROFILE });
    expect(p.plan.flows.map((f) => f.status)).toEqual(['migrate', 'migrate']);
    expect(p.plan.notes).toMatchObject([{ code: 'consent-required', file: 'src/auth.js', line: 1, transform: 'webauth-config' }]);
  });

  it('rs256-required at the secondary ID token of a migrated account-linking flow', () => {
    const p = planPackage({ 'src/auth.js': AUTH, 'src/profile.js': PROFILE, 'src/link.js': LINK });
    expect(notesOf(p)).toEqual(['consent-required@src/auth.js:1', 'rs256-required@src/link.js:5']);
    expect(p.plan.notes[1]).toMatchObject({ transform: 'management-token', message: expect.stringContaining('RS256') });
  });

  it('no note for a blocked flow', () => {
    const p = planPackage({ 'src/auth.js': AUTH, 'src/profile.js': PROFILE, 'src/link.js': LINK, 'src/search.js': SEARCH });
    expect(p.plan.flows.map((f) => f.status)).toEqual(['blocked']);
    expect(p.plan.notes).toEqual([]);
  });

  // The note says the secondary token goes out with a current-user access token: false where the
  // linking call stays blocked and still sends the ID token.
  it('no rs256-required note at a secondary token whose linking call stays blocked, while another flow migrates', () => {
    const p = planPackage({ 'src/a.js': CHECK_SESSION, 'src/link.js': LINK_UNWRITTEN });
    expect(p.plan.flows.map((f) => [f.status, f.sites[0].file])).toEqual([
      ['migrate', 'src/a.js'],
      ['blocked', 'src/link.js'],
    ]);
    expect(notesOf(p)).toEqual(['consent-required@src/a.js:2']);
  });
});

describe('stock jscodeshift: one file, no package scan', () => {
  /** Lock kept in another module; this file only listens to it. */
  const LISTENS = `import { lock } from './auth';
lock.on('authenticated', function (authResult) {
  new auth0.Management({ domain: 'acme.auth0.com', token: authResult.idToken }).getUser(authResult.idTokenPayload.sub, render);
});
`;
  const LOCK = `export const lock = new Auth0Lock('abc', 'acme.auth0.com');
lock.show();
`;

  it('with the whole package in sight, a login in another file migrates with its call', () => {
    const p = planPackage({ 'src/auth.js': LOCK, 'src/profile.js': LISTENS });
    expect(p.plan.flows.map((f) => f.status)).toEqual(['migrate']);
    expect(acting(p)).toHaveLength(p.input.sites.length);
  });

  it('a call whose login is in another file: no-login finding that says to run on the whole package', () => {
    const p = planFile('src/profile.js', LISTENS);
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toEqual([
      {
        at: 'src/profile.js:3:consumer',
        code: 'untraceable-token',
        cause: 'no-login',
        message:
          'The login that produces this token is not in this file: run the codemod on the whole package, or rerun with --scopes once its login asks for the Management API audience.',
      },
    ]);
  });

  it('the same call with a package scan that finds no login: no-login, worded for the package', () => {
    const p = planPackage({ 'src/profile.js': LISTENS });
    expect(findingsOf(p)).toMatchObject([{ at: 'src/profile.js:3:consumer', code: 'untraceable-token', cause: 'no-login', message: expect.stringContaining('in this package') }]);
  });

  it('--scopes or --audience: the user takes care of the login out of sight, and the call is switched', () => {
    for (const options of [{ scopes: 'read:current_user' }, { audience: 'https://acme.auth0.com/api/v2/' }]) {
      const p = planFile('src/profile.js', LISTENS, { options });
      expect(decisionOf(p, siteOf(p, { role: 'consumer' }))).toEqual({ act: true, scopes: ['read:current_user'] });
      expect(findingsOf(p)).toEqual([]);
    }
  });

  it('a package scan trusts no flag: --scopes does not switch a call whose login it cannot find', () => {
    const p = planPackage({ 'src/profile.js': LISTENS }, { options: { scopes: 'read:current_user' } });
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p).map((f) => f.cause)).toEqual(['no-login']);
  });

  it('a login-only file is left alone, unless --scopes says its calls are elsewhere', () => {
    expect(acting(planFile('src/auth.js', LOCK))).toEqual([]);
    const p = planFile('src/auth.js', LOCK, { options: { scopes: 'read:current_user,update:current_user_metadata' } });
    expect(p.plan.flows.map((f) => [f.status, f.scopes])).toEqual([['migrate', ['read:current_user', 'update:current_user_metadata']]]);
    for (const s of sitesOf(p)) expect(decisionOf(p, s)).toEqual({ act: true, scopes: ['read:current_user', 'update:current_user_metadata'] });
    expect(notesOf(p)).toEqual(['consent-required@src/auth.js:1']);
  });

  it('with a package scan, --scopes does not make a login without calls a flow', () => {
    const p = planPackage({ 'src/auth.js': LOCK }, { options: { scopes: 'read:current_user' } });
    expect(p.plan.flows.map((f) => f.status)).toEqual(['out-of-scope']);
    expect(acting(p)).toEqual([]);
  });

  it('a stored ID token read with no write in the file: storage-not-written, as with a package scan', () => {
    const p = planFile('src/profile.js', PROFILE);
    expect(findingsOf(p).map((f) => [f.at, f.code, f.cause])).toEqual([['src/profile.js:1:consumer', 'untraceable-token', 'storage-not-written']]);
  });

  // Under stock jscodeshift the run on the file that writes the token cannot see that the key is
  // read by the Management API, so it stores no access token: --scopes says the login asks for
  // the audience, not that something stores the access token.
  it('--scopes does not switch a stored-token read whose write it cannot see', () => {
    const p = planFile('src/profile.js', PROFILE, { options: { scopes: 'read:current_user' } });
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p).map((f) => [f.at, f.code, f.cause])).toEqual([['src/profile.js:1:consumer', 'untraceable-token', 'storage-not-written']]);
  });

  it('a removal of the key, or a copy of it under another key, writes nothing the switched read could find', () => {
    const profile = `${PROFILE}\nfunction logout() { localStorage.removeItem('id_token'); }\nfunction backup() { sessionStorage.setItem('backup', localStorage.getItem('id_token')); }\n`;
    const p = planFile('src/profile.js', profile, { options: { scopes: 'read:current_user' } });
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p).map((f) => [f.at, f.code, f.cause])).toEqual([['src/profile.js:1:consumer', 'untraceable-token', 'storage-not-written']]);
  });
});
