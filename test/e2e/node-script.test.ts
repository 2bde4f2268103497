import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKEND_API,
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
import { migrate, packageReport, type CodemodReport } from './tenant/migrate';
import { MANAGEMENT_AUDIENCE, MANAGEMENT_SCOPES, TENANT_HOST, type Tenant } from './tenant/tenant';

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

  beforeAll(async () => {
    legacyDir = copyExample('script-legacy');
    migratedDir = copyExample('script-migrated');
    tenant = await startExampleTenant([], true);
  });

  afterAll(async () => {
    await tenant?.close();
    if (legacyDir) removeCopy(legacyDir);
    if (migratedDir) removeCopy(migratedDir);
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
        },
      ]);
      expect(pkg.endpoints).toContain('GET /api/v2/users/{id}');
    });
  });
});

interface TenantResponse {
  status: number;
  body: Record<string, unknown>;
}

/** A direct HTTPS call to the tenant, addressed by its host name like the apps do. */
function callTenant(port: number, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<TenantResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        servername: TENANT_HOST,
        rejectUnauthorized: false,
        method,
        path,
        headers: {
          Host: TENANT_HOST,
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'Content-Type': 'application/json' } : {}),
        },
        timeout: 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

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

  it('keeps current-user scopes to the token subject; any-user scopes reach other users', async () => {
    const current = await tokens({ audience: MANAGEMENT_AUDIENCE, scope: 'read:current_user' });
    expect((await callTenant(tenant.port, 'GET', userPath(SECONDARY_USER.user_id), { token: current.access })).status).toBe(403);
    const any = await tokens({ audience: MANAGEMENT_AUDIENCE, scope: 'read:users' });
    expect((await callTenant(tenant.port, 'GET', userPath(SECONDARY_USER.user_id), { token: any.access })).status).toBe(200);
  });

  it('answers 401 for tokens of another API, /userinfo-only tokens and missing tokens', async () => {
    const backend = await tokens({ audience: BACKEND_API, scope: 'openid read:current_user' });
    const userinfoOnly = await tokens({ scope: 'openid read:current_user' });
    for (const token of [backend.access, userinfoOnly.access, undefined]) {
      expect((await callTenant(tenant.port, 'GET', userPath(PRIMARY_USER.user_id), { token })).status).toBe(401);
    }
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
