import { describe, expect, it } from 'vitest';
import { acting, carrier, consumer, DEFAULTS, decisionOf, findingsOf, notesOf, planSites, producer, site, where } from './helpers';

/**
 * The package plan's rules on hand-made sites (src/plan/plan.ts): the links, outcomes and flags
 * are the ones the transforms declare (see SiteFact in src/plan/types.ts), stated directly where
 * source text would only hide the rule. plan.test.ts checks the same rules on real code.
 */

const HOLD = { act: false, scopes: [] };
const READ = ['read:current_user'];
const GET_USER = ['GET /api/v2/users/{id}'];

describe('decisions and flows', () => {
  it('a site the plan was not told about is left alone', () => {
    const { plan } = planSites([consumer('a.js', 1, { links: ['@0:call:5'], endpoints: GET_USER })]);
    expect(plan.decision('a.js', 'no-such-key')).toEqual(HOLD);
    expect(plan.decision('other.js', '0:management-token:consumer:100')).toEqual(HOLD);
  });

  it('package-wide links join sites across files; `@` links name a place in their own file only', () => {
    const p = planSites([
      producer('a.js', 1, { links: ['@0:call:10'], grant: 'password' }),
      consumer('a.js', 2, { links: ['@0:call:10'], endpoints: GET_USER }),
      producer('b.js', 1, { links: ['@0:call:10'], grant: 'password' }),
      consumer('b.js', 2, { links: ['@0:call:10'], endpoints: GET_USER }),
      producer('c.js', 1, { links: ['holder:identifier:webAuth'], grant: 'browser' }),
      consumer('d.js', 1, { links: ['holder:identifier:webAuth'], endpoints: ['PATCH /api/v2/users/{id}'] }),
    ]);
    expect(p.plan.flows.map((f) => [f.status, f.sites.map(where)])).toEqual([
      ['migrate', ['a.js:1:producer', 'a.js:2:consumer']],
      ['migrate', ['b.js:1:producer', 'b.js:2:consumer']],
      ['migrate', ['c.js:1:producer', 'd.js:1:consumer']],
    ]);
    expect(p.plan.flows.map((f) => f.scopes)).toEqual([READ, READ, ['update:current_user_metadata']]);
  });

  it('lists flows by their first site in source order, whatever order the sites came in', () => {
    const p = planSites([
      consumer('z.js', 9, { links: ['@0:call:1'], endpoints: GET_USER }),
      producer('z.js', 3, { links: ['@0:call:1'], grant: 'password' }),
      consumer('b.js', 7, { links: ['@0:call:1'], endpoints: GET_USER }),
      producer('b.js', 2, { links: ['@0:call:1'], grant: 'password' }),
    ]);
    expect(p.plan.flows.map((f) => f.sites.map(where))).toEqual([
      ['b.js:2:producer', 'b.js:7:consumer'],
      ['z.js:3:producer', 'z.js:9:consumer'],
    ]);
  });

  it("the package's scopes are those of its migrated and already-migrated flows, in catalog order; blocked and out-of-scope flows add none", () => {
    const p = planSites([
      producer('a.js', 1, { links: ['@0:call:1'], grant: 'password' }),
      consumer('a.js', 2, { links: ['@0:call:1'], endpoints: ['PATCH /api/v2/users/{id}'] }),
      producer('b.js', 1, { links: ['@0:call:1'], grant: 'password', outcome: 'none' }),
      consumer('b.js', 2, { links: ['@0:call:1'], endpoints: GET_USER, outcome: 'none' }),
      consumer('c.js', 1, { links: ['storage:id_token'], endpoints: ['POST /api/v2/users/{id}/identities'] }),
      producer('d.js', 1, { links: ['holder:identifier:lonely'] }),
    ]);
    expect(p.plan.flows.map((f) => [f.sites[0].file, f.status, f.scopes])).toEqual([
      ['a.js', 'migrate', ['update:current_user_metadata']],
      ['b.js', 'already-migrated', READ],
      ['c.js', 'blocked', []],
      ['d.js', 'out-of-scope', []],
    ]);
    expect(p.plan.scopes).toEqual(['read:current_user', 'update:current_user_metadata']);
  });

  it('--scopes replaces the scopes inferred for every flow', () => {
    const p = planSites(
      [producer('a.js', 1, { links: ['@0:call:1'], grant: 'password' }), consumer('a.js', 2, { links: ['@0:call:1'], endpoints: GET_USER })],
      { options: { ...DEFAULTS, scopes: ['update:current_user_metadata', 'read:current_user'] } },
    );
    expect(p.plan.flows[0].scopes).toEqual(['update:current_user_metadata', 'read:current_user']);
    expect(decisionOf(p, p.input.sites[0])).toEqual({ act: true, scopes: ['update:current_user_metadata', 'read:current_user'] });
    expect(p.plan.scopes).toEqual(['read:current_user', 'update:current_user_metadata']);
  });

  it("a Management client's endpoints are the package's method calls; with none, its scopes cannot be told", () => {
    const sites = [producer('a.js', 1, { links: ['@0:call:1'], grant: 'password' }), consumer('a.js', 2, { links: ['@0:call:1'], client: true })];
    const known = planSites(sites, { methodEndpoints: ['PATCH /api/v2/users/{id}', 'GET /api/v2/users/{id}'] });
    expect(known.plan.flows.map((f) => [f.status, f.endpoints, f.scopes])).toEqual([
      ['migrate', ['GET /api/v2/users/{id}', 'PATCH /api/v2/users/{id}'], ['read:current_user', 'update:current_user_metadata']],
    ]);
    const unknown = planSites(sites);
    expect(acting(unknown)).toEqual([]);
    expect(findingsOf(unknown)).toMatchObject([{ at: 'a.js:2:consumer', code: 'unresolved-config', cause: 'unknown-calls' }]);
  });
});

describe('generic links: "some login of the package"', () => {
  it('a call whose login no producer declares joins the logins of the package', () => {
    const p = planSites([
      producer('auth.js', 1, { links: ['holder:identifier:webAuth', 'login:redirect'], grant: 'browser' }),
      consumer('profile.js', 1, { links: ['holder:identifier:somewhereElse'], endpoints: GET_USER }),
    ]);
    expect(p.plan.flows.map((f) => [f.status, f.sites.map(where)])).toEqual([['migrate', ['auth.js:1:producer', 'profile.js:1:consumer']]]);
  });

  it('a login that asks for no ID token is no candidate for a token traced from one', () => {
    const p = planSites([
      producer('auth.js', 1, { links: ['holder:identifier:webAuth'], grant: 'browser', noIdToken: true }),
      consumer('profile.js', 1, { links: ['login:*'], endpoints: GET_USER }),
    ]);
    expect(p.plan.flows.map((f) => [f.status, f.sites.map(where)])).toEqual([
      ['out-of-scope', ['auth.js:1:producer']],
      ['blocked', ['profile.js:1:consumer']],
    ]);
    expect(findingsOf(p)).toMatchObject([{ at: 'profile.js:1:consumer', code: 'untraceable-token', cause: 'no-login' }]);
  });

  it('logins are not joined through "some redirect login" unless a token is known to come from one', () => {
    const a = producer('a.js', 1, { links: ['holder:identifier:a', 'login:redirect'], grant: 'browser' });
    const b = producer('b.js', 1, { links: ['holder:identifier:b', 'login:redirect'], grant: 'browser' });
    const byHolder = planSites([a, b, consumer('c.js', 1, { links: ['holder:identifier:a'], endpoints: GET_USER })]);
    expect(byHolder.plan.flows.map((f) => [f.status, f.sites.map(where)])).toEqual([
      ['migrate', ['a.js:1:producer', 'c.js:1:consumer']],
      ['out-of-scope', ['b.js:1:producer']],
    ]);
    expect(decisionOf(byHolder, b)).toEqual(HOLD);
    const byRedirect = planSites([a, b, consumer('c.js', 1, { links: ['login:redirect'], endpoints: GET_USER })]);
    expect(byRedirect.plan.flows.map((f) => [f.status, f.sites.map(where)])).toEqual([['migrate', ['a.js:1:producer', 'b.js:1:producer', 'c.js:1:consumer']]]);
  });

  it('a storage write matters only where a Management call reads its key', () => {
    const p = planSites([
      producer('auth.js', 1, { links: ['holder:identifier:webAuth', 'login:redirect'], grant: 'browser' }),
      carrier('auth.js', 3, { links: ['storage:id_token', 'holder:identifier:webAuth', 'login:redirect'] }),
      carrier('auth.js', 4, { links: ['storage:profile', 'holder:identifier:webAuth', 'login:redirect'] }),
      consumer('profile.js', 1, { links: ['storage:id_token', 'storage:access_token'], client: true }),
    ]);
    expect(p.plan.flows[0].sites.map(where)).toEqual(['auth.js:1:producer', 'auth.js:3:carrier', 'profile.js:1:consumer']);
    expect(decisionOf(p, p.input.sites[2])).toEqual(HOLD);
  });
});

describe('the ignore comment', () => {
  const login = producer('auth.js', 1, { links: ['holder:identifier:webAuth', 'login:redirect'], grant: 'browser' });
  const write = carrier('auth.js', 3, { links: ['storage:id_token', 'holder:identifier:webAuth', 'login:redirect'] });
  const read = consumer('profile.js', 1, { links: ['storage:id_token', 'storage:access_token'], endpoints: GET_USER });

  it('an ignored call is no part of any flow: its login and storage write are left alone, silently', () => {
    const p = planSites([login, write, { ...read, outcome: 'ignored' }]);
    expect(p.plan.flows.map((f) => [f.status, f.sites.map(where)])).toEqual([['out-of-scope', ['auth.js:1:producer']]]);
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toEqual([]);
    expect(p.plan.notes).toEqual([]);
  });

  it('an ignored storage write leaves the call that reads its key with no write: storage-not-written', () => {
    const p = planSites([login, { ...write, outcome: 'ignored' }, read]);
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toMatchObject([{ at: 'profile.js:1:consumer', code: 'untraceable-token', cause: 'storage-not-written', message: expect.stringContaining("'id_token'") }]);
  });

  it('an ignored login leaves the call that uses its client with no login: no-login', () => {
    const p = planSites([{ ...login, outcome: 'ignored' }, consumer('profile.js', 1, { links: ['holder:identifier:webAuth'], endpoints: GET_USER })]);
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p)).toMatchObject([{ at: 'profile.js:1:consumer', code: 'untraceable-token', cause: 'no-login' }]);
  });
});

describe('what holds a flow, and where it is reported', () => {
  it('every site that cannot be migrated reports its own finding; blockedAt is the first in source order', () => {
    const p = planSites([
      consumer('z.js', 1, { links: ['holder:identifier:webAuth'], endpoints: GET_USER, outcome: 'blocked', finding: 'link-with-user-id' }),
      producer('a.js', 5, { links: ['holder:identifier:webAuth'], grant: 'browser', outcome: 'blocked', finding: 'custom-domain' }),
      consumer('m.js', 1, { links: ['holder:identifier:webAuth'], endpoints: GET_USER }),
    ]);
    expect(findingsOf(p)).toEqual([
      { at: 'z.js:1:consumer', code: 'link-with-user-id' },
      { at: 'a.js:5:producer', code: 'custom-domain' },
    ]);
    expect(decisionOf(p, p.input.sites[2])).toEqual(HOLD);
    expect(p.plan.flows[0].blockedAt).toEqual({ file: 'a.js', line: 5, column: 1, role: 'producer', transform: 'webauth-config', code: 'custom-domain' });
  });

  it('a blocked site acts only to report: its decision says reportOnly, with the scopes its flow would need', () => {
    const blocked = consumer('a.js', 2, { links: ['@0:call:1'], endpoints: ['GET /api/v2/users'], outcome: 'blocked', finding: 'backend-only-endpoint' });
    const p = planSites([producer('a.js', 1, { links: ['@0:call:1'], grant: 'password' }), blocked]);
    expect(decisionOf(p, blocked)).toEqual({ act: true, scopes: ['read:users'], reportOnly: true });
  });

  it('a blocked login in a flow whose calls all read the access token already reports nothing', () => {
    const p = planSites([
      producer('a.js', 1, { links: ['holder:identifier:webAuth'], grant: 'browser', outcome: 'blocked', finding: 'custom-domain' }),
      consumer('a.js', 2, { links: ['holder:identifier:webAuth'], endpoints: GET_USER, outcome: 'none' }),
    ]);
    expect(p.plan.flows.map((f) => [f.status, f.blockedAt])).toEqual([['already-migrated', undefined]]);
    expect(findingsOf(p)).toEqual([]);
  });

  it('any-user scope mode: every call to switch reports backend-only-endpoint, since no user login gets those scopes', () => {
    const p = planSites(
      [
        producer('a.js', 1, { links: ['@0:call:1'], grant: 'password' }),
        consumer('a.js', 2, { links: ['@0:call:1'], endpoints: GET_USER }),
        consumer('a.js', 3, { links: ['@0:call:1'], endpoints: ['PATCH /api/v2/users/{id}'] }),
      ],
      { options: { ...DEFAULTS, scopeMode: 'any-user' } },
    );
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p).map((f) => [f.at, f.code, f.cause])).toEqual([
      ['a.js:2:consumer', 'backend-only-endpoint', 'any-user-scope-mode'],
      ['a.js:3:consumer', 'backend-only-endpoint', 'any-user-scope-mode'],
    ]);
    expect(p.plan.flows[0].blockedAt).toMatchObject({ line: 2, code: 'backend-only-endpoint' });
  });

  it('--scopes with an any-user scope (read:users) holds the flow the same way', () => {
    const p = planSites([producer('a.js', 1, { links: ['@0:call:1'], grant: 'password' }), consumer('a.js', 2, { links: ['@0:call:1'], endpoints: GET_USER })], {
      options: { ...DEFAULTS, scopes: ['read:current_user', 'read:users'] },
    });
    expect(findingsOf(p).map((f) => [f.at, f.cause])).toEqual([['a.js:2:consumer', 'any-user-scope-mode']]);
  });

  it('a request to an endpoint built at run time is not guessed: unknown-endpoint at that request, the others held', () => {
    const p = planSites([
      producer('a.js', 1, { links: ['@0:call:1'], grant: 'password' }),
      consumer('a.js', 2, { links: ['@0:call:1'], endpoints: GET_USER }),
      consumer('a.js', 3, { links: ['@0:call:1'], unknownEndpoint: true }),
    ]);
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p).map((f) => [f.at, f.code, f.cause])).toEqual([['a.js:3:consumer', 'unresolved-config', 'unknown-endpoint']]);
  });

  it('--scopes covers a request whose endpoint is built at run time', () => {
    const p = planSites(
      [producer('a.js', 1, { links: ['@0:call:1'], grant: 'password' }), consumer('a.js', 2, { links: ['@0:call:1'], unknownEndpoint: true })],
      { options: { ...DEFAULTS, scopes: ['read:current_user', 'update:current_user_metadata'] } },
    );
    expect(p.plan.flows.map((f) => [f.status, f.scopes])).toEqual([['migrate', ['read:current_user', 'update:current_user_metadata']]]);
  });

  // Its advice asks for --scopes naming every endpoint the request may reach, not for calls of a client.
  it('a lone request to an endpoint built at run time is reported as unknown-endpoint', () => {
    const p = planSites([producer('a.js', 1, { links: ['@0:call:1'], grant: 'password' }), consumer('a.js', 2, { links: ['@0:call:1'], unknownEndpoint: true })]);
    expect(acting(p)).toEqual([]);
    expect(findingsOf(p).map((f) => [f.at, f.code, f.cause])).toEqual([['a.js:2:consumer', 'unresolved-config', 'unknown-endpoint']]);
  });

  it('tenant-mismatch only when the logins agree on one tenant: two logins on two tenants decide nothing', () => {
    const sites = (hosts: string[]) => [
      ...hosts.map((host, i) => producer('a.js', i + 1, { links: ['holder:identifier:webAuth'], grant: 'browser', host })),
      consumer('b.js', 1, { links: ['holder:identifier:webAuth'], endpoints: GET_USER, host: 'other.auth0.com' }),
    ];
    expect(findingsOf(planSites(sites(['acme.auth0.com']))).map((f) => [f.at, f.code])).toEqual([['b.js:1:consumer', 'tenant-mismatch']]);
    expect(planSites(sites(['acme.auth0.com', 'acme.eu.auth0.com'])).plan.flows[0].status).toBe('migrate');
    expect(planSites(sites(['other.auth0.com'])).plan.flows[0].status).toBe('migrate');
  });
});

describe('calls and logins already migrated', () => {
  it('a flow whose calls all read the access token is already migrated when its login asks for the Management API too', () => {
    const login = producer('a.js', 1, { links: ['holder:identifier:webAuth'], grant: 'browser', outcome: 'none' });
    const p = planSites([login, consumer('a.js', 2, { links: ['holder:identifier:webAuth'], endpoints: GET_USER, outcome: 'none' })]);
    expect(p.plan.flows.map((f) => [f.status, f.scopes])).toEqual([['already-migrated', READ]]);
    expect(decisionOf(p, login)).toEqual(HOLD);
    expect(p.plan.notes).toEqual([]);
  });

  it('calls that already read the access token, fed by a login that would still edit: the login is migrated', () => {
    // The login asks for no Management API audience yet: its access token is refused (401) until it does.
    const login = producer('a.js', 1, { links: ['holder:identifier:webAuth'], grant: 'browser' });
    const p = planSites([login, consumer('a.js', 2, { links: ['holder:identifier:webAuth'], endpoints: GET_USER, outcome: 'none' })]);
    expect(p.plan.flows.map((f) => [f.status, f.scopes])).toEqual([['migrate', READ]]);
    expect(decisionOf(p, login)).toEqual({ act: true, scopes: READ });
  });

  it('a call that already reads an access token nothing stores yet still needs its flow migrated', () => {
    const write = carrier('auth.js', 3, { links: ['storage:id_token', 'holder:identifier:webAuth'] });
    const read = consumer('profile.js', 1, { links: ['storage:access_token', 'storage:id_token'], endpoints: GET_USER, outcome: 'none', unserved: true });
    const p = planSites([producer('auth.js', 1, { links: ['holder:identifier:webAuth'], grant: 'browser', outcome: 'none' }), write, read]);
    expect(p.plan.flows.map((f) => f.status)).toEqual(['migrate']);
    expect(decisionOf(p, write)).toEqual({ act: true, scopes: READ });
  });

  it('login-not-in-run names the login that would still edit, not one already right', () => {
    const p = planSites(
      [
        producer('a.js', 1, { links: ['holder:identifier:webAuth'], grant: 'browser', outcome: 'none' }),
        producer('a.js', 4, { links: ['holder:identifier:webAuth'], grant: 'browser', transform: 'authorize-url' }),
        consumer('b.js', 1, { links: ['holder:identifier:webAuth'], endpoints: GET_USER }),
      ],
      { selected: ['management-token'] },
    );
    expect(findingsOf(p)).toMatchObject([{ at: 'b.js:1:consumer', cause: 'login-not-in-run', message: expect.stringContaining('(a.js:4) is migrated by the authorize-url transform') }]);
  });

  it('without management-token in the run, no call is switched, so no login is waited for', () => {
    const p = planSites(
      [producer('a.js', 1, { links: ['holder:identifier:webAuth'], grant: 'browser' }), consumer('b.js', 1, { links: ['holder:identifier:webAuth'], endpoints: GET_USER })],
      { selected: ['authorize-url'] },
    );
    expect(p.plan.flows.map((f) => f.status)).toEqual(['migrate']);
    expect(findingsOf(p)).toEqual([]);
  });
});

describe('secondary logins (account linking)', () => {
  const primary = producer('auth.js', 1, { links: ['holder:identifier:webAuth', 'login:redirect'], grant: 'browser' });
  const write = carrier('auth.js', 3, { links: ['storage:id_token', 'holder:identifier:webAuth', 'login:redirect'] });
  const linking = consumer('link.js', 5, { links: ['storage:id_token'], endpoints: ['POST /api/v2/users/{id}/identities'] });
  const proof = site('secondary', 'link.js', 5, { links: ['holder:identifier:linkAuth', 'login:redirect'], outcome: 'none' });
  const linkLogin = producer('link.js', 1, { links: ['holder:identifier:linkAuth', 'login:redirect'], grant: 'browser' });

  it('a login whose tokens go only to account linking keeps its config and belongs to no flow', () => {
    const p = planSites([primary, write, linking, proof, linkLogin]);
    expect(decisionOf(p, linkLogin)).toEqual(HOLD);
    expect(decisionOf(p, proof)).toEqual(HOLD);
    expect(p.plan.flows.flatMap((f) => f.sites).map(where)).toEqual(['auth.js:1:producer', 'auth.js:3:carrier', 'link.js:5:consumer']);
    expect(notesOf(p)).toEqual(['consent-required@auth.js:1', 'rs256-required@link.js:5']);
  });

  it('a login whose tokens also reach a Management call is a primary login after all', () => {
    const alsoPrimary = { ...linkLogin, links: [...linkLogin.links, 'storage:id_token'], outputs: ['holder:identifier:linkAuth', 'storage:id_token'] };
    const p = planSites([primary, write, linking, proof, alsoPrimary]);
    expect(decisionOf(p, alsoPrimary)).toEqual({ act: true, scopes: ['update:current_user_identities'] });
  });

  it('no rs256-required note when the package migrates nothing', () => {
    const p = planSites([{ ...primary, outcome: 'none' }, write, { ...linking, outcome: 'none' }, proof, linkLogin]);
    expect(p.plan.flows.map((f) => f.status)).toEqual(['already-migrated']);
    expect(p.plan.notes).toEqual([]);
  });
});

describe('consent-required', () => {
  it('once per migrated flow, at the first browser login that changes, else at its first browser login', () => {
    const p = planSites([
      producer('a.js', 1, { links: ['holder:identifier:webAuth'], grant: 'browser', outcome: 'none' }),
      producer('a.js', 2, { links: ['holder:identifier:webAuth'], grant: 'password' }),
      producer('a.js', 3, { links: ['holder:identifier:webAuth'], grant: 'browser' }),
      consumer('a.js', 4, { links: ['holder:identifier:webAuth'], endpoints: GET_USER }),
      producer('b.js', 1, { links: ['holder:identifier:other'], grant: 'browser', outcome: 'none' }),
      consumer('b.js', 2, { links: ['holder:identifier:other'], endpoints: GET_USER }),
    ]);
    expect(p.plan.notes).toMatchObject([
      { code: 'consent-required', file: 'a.js', line: 3, transform: 'webauth-config' },
      { code: 'consent-required', file: 'b.js', line: 1 },
    ]);
  });
});

describe('stock jscodeshift (packageScan false)', () => {
  const STOCK = { packageScan: false } as const;

  it('--scopes on a file with logins only: its logins migrate with those scopes; under a package scan they are out of scope', () => {
    const login = producer('auth.js', 1, { links: ['holder:identifier:webAuth', 'login:redirect'], grant: 'browser' });
    const options = { ...DEFAULTS, scopes: ['read:current_user'] };
    expect(planSites([login], { ...STOCK, options }).plan.flows.map((f) => [f.status, f.scopes])).toEqual([['migrate', READ]]);
    expect(planSites([login], { options }).plan.flows.map((f) => f.status)).toEqual(['out-of-scope']);
    expect(planSites([login], STOCK).plan.flows.map((f) => f.status)).toEqual(['out-of-scope']);
  });

  it('--scopes with an any-user scope on a file with logins only: each login reports backend-only-endpoint', () => {
    const p = planSites(
      [producer('auth.js', 1, { links: ['holder:identifier:a'], grant: 'browser' }), producer('auth.js', 2, { links: ['holder:identifier:a'], grant: 'browser' })],
      { ...STOCK, options: { ...DEFAULTS, scopes: ['read:users'] } },
    );
    expect(findingsOf(p).map((f) => [f.at, f.cause])).toEqual([
      ['auth.js:1:producer', 'any-user-scope-mode'],
      ['auth.js:2:producer', 'any-user-scope-mode'],
    ]);
  });

  it('--audience (or --scopes) lets a call whose login is out of sight switch; a package scan never does', () => {
    const call = consumer('profile.js', 1, { links: ['holder:identifier:lock'], endpoints: GET_USER });
    const options = { ...DEFAULTS, audience: 'https://acme.auth0.com/api/v2/' };
    expect(decisionOf(planSites([call], { ...STOCK, options }), call)).toEqual({ act: true, scopes: READ });
    expect(findingsOf(planSites([call], { options })).map((f) => f.cause)).toEqual(['no-login']);
    expect(findingsOf(planSites([call], STOCK)).map((f) => [f.cause, f.message])).toEqual([
      [
        'no-login',
        'The login that produces this token is not in this file: run the codemod on the whole package, or rerun with --scopes once its login asks for the Management API audience.',
      ],
    ]);
  });
});
