import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKEND_API,
  M2M_CLIENT_ID,
  M2M_CLIENT_SECRET,
  PRIMARY_USER,
  SECONDARY_USER,
  SPA_CLIENT_ID,
  SCRIPT_CLIENT_ID,
  SCRIPT_CLIENT_SECRET,
  TEST_USERS,
  copyExample,
  removeCopy,
  startExampleTenant,
} from './tenant/example-app';
import { callTenant, type TenantResponse } from './tenant/call';
import { migrate, migrateWithCli, packageReport, type CodemodReport } from './tenant/migrate';
import { CURRENT_USER_SCOPES, MANAGEMENT_AUDIENCE, MANAGEMENT_SCOPES, TENANT_HOST, type Tenant } from './tenant/tenant';

const PRELOAD = join(__dirname, 'tenant', 'resolve-tenant.cjs');

interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runGetToken(appDir: string, port: number): Promise<ScriptRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_TLS_REJECT_UNAUTHORIZED: '0',
    E2E_TENANT_HOST: TENANT_HOST,
    E2E_TENANT_PORT: String(port),
    AUTH0_CLIENT_SECRET: SCRIPT_CLIENT_SECRET,
  };
  delete env.AUTH0_DOMAIN;
  const child = spawn(
    process.execPath,
    ['--require', PRELOAD, join(appDir, 'scripts', 'get-token.js'), PRIMARY_USER.email, PRIMARY_USER.password],
    { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function managementScopes(scopes: readonly string[]): string[] {
  return scopes.filter((s) => MANAGEMENT_SCOPES.includes(s)).sort();
}

describe('scripts/get-token.js against the emulated tenant', () => {
  let tenant: Tenant;
  let legacyDir: string;
  let migratedDir: string;
  let anyUserDir: string;

  beforeAll(async () => {
    legacyDir = copyExample('script-legacy');
    migratedDir = copyExample('script-migrated');
    anyUserDir = copyExample('script-any-user');
    tenant = await startExampleTenant([], true);
  });

  afterAll(async () => {
    await tenant?.close();
    for (const dir of [legacyDir, migratedDir, anyUserDir]) if (dir) removeCopy(dir);
  });

  beforeEach(() => tenant.reset(TEST_USERS));

  it('legacy: reads the profile with an ID token while the tenant still allows it', async () => {
    tenant.allowIdTokensForManagementApi = true;
    const run = await runGetToken(legacyDir, tenant.port);

    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ user_id: PRIMARY_USER.user_id, email: PRIMARY_USER.email });
    expect(tenant.issued).toEqual([
      expect.objectContaining({ grant: 'password', clientId: SCRIPT_CLIENT_ID, audience: 'https://example-tenant.auth0.com/userinfo', idToken: true }),
    ]);
    expect(tenant.managementLog).toEqual([
      {
        method: 'GET',
        path: `/api/v2/users/${encodeURIComponent(PRIMARY_USER.user_id)}`,
        endpoint: 'GET /api/v2/users/{id}',
        status: 200,
        tokenKind: 'id',
        scopes: [],
        message: null,
      },
    ]);
  });

  it('legacy: is refused with 401 once ID tokens are turned off', async () => {
    tenant.allowIdTokensForManagementApi = false;
    const run = await runGetToken(legacyDir, tenant.port);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Management API: 401');
    expect(tenant.managementLog.map(({ endpoint, status, tokenKind }) => ({ endpoint, status, tokenKind }))).toEqual([
      { endpoint: 'GET /api/v2/users/{id}', status: 401, tokenKind: 'id' },
    ]);
  });

  describe('after the codemod', () => {
    let report: CodemodReport;

    beforeAll(() => {
      report = migrate(migratedDir);
    });

    it('migrated: reads the profile with an access token holding exactly the reported scopes', async () => {
      tenant.allowIdTokensForManagementApi = false;
      const pkg = packageReport(report, migratedDir);
      const run = await runGetToken(migratedDir, tenant.port);

      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ user_id: PRIMARY_USER.user_id, email: PRIMARY_USER.email });

      expect(tenant.issued).toHaveLength(1);
      const [token] = tenant.issued;
      expect(token).toMatchObject({ grant: 'password', clientId: SCRIPT_CLIENT_ID, audience: MANAGEMENT_AUDIENCE, idToken: true });
      // The script's own flow: its token request and its one call, whatever the app beside it needs.
      const flow = pkg.flows.find((f) => f.sites.some((site) => site.file.endsWith('scripts/get-token.js')));
      expect(flow?.status).toBe('migrate');
      expect(managementScopes(token.scopes)).toEqual([...(flow?.scopes ?? [])].sort());

      expect(tenant.managementLog).toEqual([
        {
          method: 'GET',
          path: `/api/v2/users/${encodeURIComponent(PRIMARY_USER.user_id)}`,
          endpoint: 'GET /api/v2/users/{id}',
          status: 200,
          tokenKind: 'access',
          scopes: token.scopes,
          message: null,
        },
      ]);
      expect(pkg.endpoints).toContain('GET /api/v2/users/{id}');
    });

    // A password grant is a user-based grant: a real tenant drops any-user scopes from it, so a
    // migration that asks for them (today's `--scope-mode any-user`) cannot read the profile.
    // A tool that refuses instead leaves the legacy script, which gets 401 with the toggle off.
    it('a password grant migrated with any-user scopes fails: the tenant never grants them', async () => {
      tenant.allowIdTokensForManagementApi = false;
      migrateWithCli(anyUserDir, ['--scope-mode', 'any-user']);
      const run = await runGetToken(anyUserDir, tenant.port);

      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/Management API: 40[13]/);
      expect(tenant.issued).toHaveLength(1);
      expect(tenant.issued[0].scopes.filter((s) => MANAGEMENT_SCOPES.includes(s) && !CURRENT_USER_SCOPES.includes(s))).toEqual([]);
      expect(tenant.managementLog.map((c) => c.status)).not.toContain(200);
    });
  });
});

describe('the emulated tenant enforces the migration guide', () => {
  let tenant: Tenant;
  const userPath = (userId: string): string => `/api/v2/users/${encodeURIComponent(userId)}`;

  async function tokens(fields: Record<string, string>): Promise<{ access: string; id: string }> {
    const spaLogin = fields.client_id === SPA_CLIENT_ID;
    const res = await callTenant(tenant.port, 'POST', '/oauth/token', {
      body: {
        ...(spaLogin
          ? { grant_type: 'http://auth0.com/oauth/grant-type/password-realm', realm: 'Username-Password-Authentication' }
          : { grant_type: 'password', client_id: SCRIPT_CLIENT_ID, client_secret: SCRIPT_CLIENT_SECRET }),
        username: PRIMARY_USER.email,
        password: PRIMARY_USER.password,
        ...fields,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { access: String(res.body.access_token), id: String(res.body.id_token) };
  }

  beforeAll(async () => {
    tenant = await startExampleTenant([], false);
  });

  afterAll(async () => {
    await tenant?.close();
  });

  beforeEach(() => tenant.reset(TEST_USERS));

  it('answers 403 when the access token lacks the endpoint scope', async () => {
    const { access } = await tokens({ audience: MANAGEMENT_AUDIENCE, scope: 'openid update:current_user_metadata' });
    expect((await callTenant(tenant.port, 'GET', userPath(PRIMARY_USER.user_id), { token: access })).status).toBe(403);
    const patch = await callTenant(tenant.port, 'PATCH', userPath(PRIMARY_USER.user_id), {
      token: access,
      body: { user_metadata: { nickname: 'x' } },
    });
    expect(patch.status).toBe(200);
  });

  it('drops any-user scopes from a password grant: the token says so and reaches no other user', async () => {
    const current = await tokens({ audience: MANAGEMENT_AUDIENCE, scope: 'openid read:current_user read:users update:users' });
    expect(tenant.issued[0]).toMatchObject({ grant: 'password', scopes: ['openid', 'read:current_user'], dropped: ['read:users', 'update:users'] });
    expect(tenant.events).toContainEqual({ type: 'scopes-ignored', clientId: SCRIPT_CLIENT_ID, audience: MANAGEMENT_AUDIENCE, scopes: ['read:users', 'update:users'] });
    expect((await callTenant(tenant.port, 'GET', userPath(PRIMARY_USER.user_id), { token: current.access })).status).toBe(200);
    expect((await callTenant(tenant.port, 'GET', userPath(SECONDARY_USER.user_id), { token: current.access })).status).toBe(403);

    const anyUserOnly = await tokens({ audience: MANAGEMENT_AUDIENCE, scope: 'read:users' });
    const own = await callTenant(tenant.port, 'GET', userPath(PRIMARY_USER.user_id), { token: anyUserOnly.access });
    expect(own).toMatchObject({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Insufficient scope, expected any of: read:users,read:current_user,read:user_idp_tokens',
        errorCode: 'insufficient_scope',
      },
    });
  });

  it('gives any-user scopes only to a machine-to-machine client_credentials grant, as its client grant allows', async () => {
    const m2m = await callTenant(tenant.port, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: M2M_CLIENT_ID, client_secret: M2M_CLIENT_SECRET, audience: MANAGEMENT_AUDIENCE, scope: 'read:users delete:users' },
    });
    expect(m2m.status, JSON.stringify(m2m.body)).toBe(200);
    expect(m2m.body.scope).toBe('read:users');
    const token = String(m2m.body.access_token);
    expect((await callTenant(tenant.port, 'GET', userPath(SECONDARY_USER.user_id), { token })).status).toBe(200);
    expect((await callTenant(tenant.port, 'GET', '/api/v2/users', { token })).status).toBe(200);

    const ungranted = await callTenant(tenant.port, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: SCRIPT_CLIENT_ID, client_secret: SCRIPT_CLIENT_SECRET, audience: MANAGEMENT_AUDIENCE },
    });
    expect(ungranted.status).toBe(403);
    expect(ungranted.body.error).toBe('access_denied');
  });

  it('answers like the real Management API to tokens of another API, opaque /userinfo tokens and missing tokens', async () => {
    const backend = await tokens({ audience: BACKEND_API, scope: 'openid read:current_user' });
    const userinfoOnly = await tokens({ scope: 'openid read:current_user' });
    const get = (token?: string): Promise<TenantResponse> => callTenant(tenant.port, 'GET', userPath(PRIMARY_USER.user_id), { token });

    expect(await get(backend.access)).toMatchObject({
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: 'Invalid token', attributes: { error: 'Invalid token' } },
    });
    expect(userinfoOnly.access.split('.')).toHaveLength(1);
    expect(await get(userinfoOnly.access)).toMatchObject({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'Bad HTTP authentication header format', errorCode: 'Bearer' },
    });
    expect(await get(undefined)).toMatchObject({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Missing authentication' } });
    expect((await callTenant(tenant.port, 'GET', '/userinfo', { token: userinfoOnly.access })).status).toBe(200);
  });

  it("links only with the secondary account's ID token issued to the caller's client", async () => {
    const primary = await tokens({ client_id: SPA_CLIENT_ID, audience: MANAGEMENT_AUDIENCE, scope: 'openid update:current_user_identities' });
    const fromOtherClient = await tokens({ username: SECONDARY_USER.email, password: SECONDARY_USER.password, scope: 'openid' });
    const secondary = await tokens({
      client_id: SPA_CLIENT_ID,
      username: SECONDARY_USER.email,
      password: SECONDARY_USER.password,
      scope: 'openid',
    });
    const link = (body: unknown): Promise<TenantResponse> =>
      callTenant(tenant.port, 'POST', `${userPath(PRIMARY_USER.user_id)}/identities`, { token: primary.access, body });

    expect((await link({ link_with: secondary.access })).status).toBe(400);
    expect((await link({ link_with: fromOtherClient.id })).status).toBe(400);
    expect((await link({ provider: 'auth0', user_id: SECONDARY_USER.user_id.split('|')[1] })).status).toBe(403);
    expect((await link({ link_with: secondary.id })).status).toBe(201);
    expect(tenant.user(PRIMARY_USER.user_id)?.identities).toHaveLength(2);
  });
});
