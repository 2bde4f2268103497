import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AUTH0_JS_DIST,
  PRIMARY_USER,
  SECONDARY_USER,
  SPA_CLIENT_ID,
  TEST_USERS,
  copyExample,
  removeCopy,
  startExampleTenant,
} from './tenant/example-app';
import { migrate, packageReport, type CodemodReport } from './tenant/migrate';
import { startStaticServer, type StaticServer } from './tenant/static-server';
import { MANAGEMENT_AUDIENCE, MANAGEMENT_SCOPES, TENANT_HOST, type ManagementCall, type Tenant } from './tenant/tenant';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  console.warn(`[e2e] Skipping the browser suite: ${CHROMIUM} is missing (install the Debian "chromium" package).`);
}

const STEP_TIMEOUT = 10_000;
const NICKNAME = 'Countess of Lovelace';

interface AppOutcome {
  login: string;
  profile: string;
  nickname: string;
  link: string;
  storage: { idToken: string | null; accessToken: string | null };
}

/** Text of a status line once the app has written it. */
async function statusText(page: Page, id: string): Promise<string> {
  return (await page.locator(`#${id}:not(:empty)`).textContent({ timeout: STEP_TIMEOUT })) ?? '';
}

async function storageItem(page: Page, key: string): Promise<string | null> {
  const value: unknown = await page.evaluate(`localStorage.getItem(${JSON.stringify(key)})`);
  return typeof value === 'string' ? value : null;
}

/** Clicks through the app like a user: log in, show profile, save a nickname, link the second account. */
async function useApp(browser: Browser, origin: string): Promise<AppOutcome> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  try {
    await page.goto(`${origin}/`);
    await page.click('#btn-login');
    await page.waitForURL(`${origin}/`, { timeout: STEP_TIMEOUT });
    const login = await statusText(page, 'login-status');

    await page.click('#btn-profile');
    const profile = await statusText(page, 'profile-status');

    await page.fill('#nickname', NICKNAME);
    await page.click('#btn-save-nickname');
    const nickname = await statusText(page, 'nickname-status');

    await page.fill('#link-username', SECONDARY_USER.email);
    await page.fill('#link-password', SECONDARY_USER.password);
    await page.click('#btn-link');
    const link = await statusText(page, 'link-status');

    const storage = { idToken: await storageItem(page, 'id_token'), accessToken: await storageItem(page, 'access_token') };
    return { login, profile, nickname, link, storage };
  } catch (err) {
    throw new Error(`${String(err)}\nbrowser problems:\n${problems.join('\n')}`);
  } finally {
    await context.close();
  }
}

function callSummary(log: readonly ManagementCall[]): { endpoint: string | null; status: number; tokenKind: string }[] {
  return log.map(({ endpoint, status, tokenKind }) => ({ endpoint, status, tokenKind }));
}

describe.skipIf(!HAS_CHROMIUM)('legacy SPA with auth0-js in Chromium against the emulated tenant', () => {
  let tenant: Tenant;
  let browser: Browser;
  let legacyApp: StaticServer;
  let migratedApp: StaticServer;
  let legacyDir: string;
  let migratedDir: string;

  beforeAll(async () => {
    legacyDir = copyExample('browser-legacy');
    migratedDir = copyExample('browser-migrated');
    const auth0Js = { '/node_modules/auth0-js/dist/': AUTH0_JS_DIST };
    legacyApp = await startStaticServer(legacyDir, auth0Js);
    migratedApp = await startStaticServer(migratedDir, auth0Js);
    tenant = await startExampleTenant([legacyApp.origin, migratedApp.origin], true);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: 20_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-dev-shm-usage',
        `--host-resolver-rules=MAP ${TENANT_HOST} 127.0.0.1:${tenant.port}`,
        '--ignore-certificate-errors',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await tenant?.close();
    await legacyApp?.close();
    await migratedApp?.close();
    if (legacyDir) removeCopy(legacyDir);
    if (migratedDir) removeCopy(migratedDir);
  });

  beforeEach(() => tenant.reset(TEST_USERS));

  it('legacy app works with ID tokens while the tenant allows them', async () => {
    tenant.allowIdTokensForManagementApi = true;
    const outcome = await useApp(browser, legacyApp.origin);

    expect(outcome.login).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
    expect(outcome.profile).toBe(`Loaded profile of ${PRIMARY_USER.email}`);
    expect(outcome.nickname).toBe(`Saved nickname ${NICKNAME}`);
    expect(outcome.link).toBe(`Linked accounts: ${PRIMARY_USER.user_id}, ${SECONDARY_USER.user_id}`);
    expect(outcome.storage.accessToken).toBeNull();

    expect(tenant.user(PRIMARY_USER.user_id)?.user_metadata).toEqual({ nickname: NICKNAME });
    expect(tenant.user(SECONDARY_USER.user_id)).toBeUndefined();
    expect(tenant.issued.map(({ grant, accessToken, idToken }) => ({ grant, accessToken, idToken }))).toEqual([
      { grant: 'implicit', accessToken: false, idToken: true },
      { grant: 'password-realm', accessToken: true, idToken: true },
    ]);
    expect(tenant.managementLog).toEqual([
      expect.objectContaining({ endpoint: 'GET /api/v2/users/{id}', status: 200, tokenKind: 'id', scopes: [] }),
      expect.objectContaining({ endpoint: 'PATCH /api/v2/users/{id}', status: 200, tokenKind: 'id', scopes: [] }),
      expect.objectContaining({ endpoint: 'POST /api/v2/users/{id}/identities', status: 201, tokenKind: 'id', scopes: [] }),
    ]);
  });

  it('legacy app gets 401 from every Management API call once ID tokens are turned off', async () => {
    tenant.allowIdTokensForManagementApi = false;
    const outcome = await useApp(browser, legacyApp.origin);

    expect(outcome.login).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
    expect(outcome.profile).toMatch(/^Error 401: /);
    expect(outcome.nickname).toMatch(/^Error 401: /);
    expect(outcome.link).toMatch(/^Error 401: /);

    expect(tenant.user(PRIMARY_USER.user_id)?.user_metadata).toEqual({});
    expect(tenant.user(SECONDARY_USER.user_id)).toBeDefined();
    expect(callSummary(tenant.managementLog)).toEqual([
      { endpoint: 'GET /api/v2/users/{id}', status: 401, tokenKind: 'id' },
      { endpoint: 'PATCH /api/v2/users/{id}', status: 401, tokenKind: 'id' },
      { endpoint: 'POST /api/v2/users/{id}/identities', status: 401, tokenKind: 'id' },
    ]);
  });

  describe('after the codemod', () => {
    let report: CodemodReport;

    // The migrated copy is already being served; the codemod rewrites it in place first.
    beforeAll(() => {
      report = migrate(migratedDir);
    });

    it('migrated app works with access tokens holding exactly the reported scopes', async () => {
      tenant.allowIdTokensForManagementApi = false;
      expect(report.totals.errors).toBe(0);
      expect(report.totals.findings).toBe(0);
      const pkg = packageReport(report, migratedDir);
      const outcome = await useApp(browser, migratedApp.origin);

      expect(outcome.login).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
      expect(outcome.profile).toBe(`Loaded profile of ${PRIMARY_USER.email}`);
      expect(outcome.nickname).toBe(`Saved nickname ${NICKNAME}`);
      expect(outcome.link).toBe(`Linked accounts: ${PRIMARY_USER.user_id}, ${SECONDARY_USER.user_id}`);
      expect(outcome.storage.accessToken).not.toBeNull();
      expect(tenant.user(PRIMARY_USER.user_id)?.user_metadata).toEqual({ nickname: NICKNAME });
      expect(tenant.user(SECONDARY_USER.user_id)).toBeUndefined();

      const [login, secondary] = tenant.issued;
      expect(tenant.issued).toHaveLength(2);
      expect(login).toMatchObject({ grant: 'implicit', clientId: SPA_CLIENT_ID, audience: MANAGEMENT_AUDIENCE, accessToken: true, idToken: true });
      // The secondary login only has to yield an ID token for link_with; the tenant checked its aud.
      expect(secondary).toMatchObject({ grant: 'password-realm', clientId: SPA_CLIENT_ID, sub: SECONDARY_USER.user_id, idToken: true });

      const granted = login.scopes.filter((s) => MANAGEMENT_SCOPES.includes(s));
      expect([...granted].sort()).toEqual([...pkg.scopes].sort());

      expect(callSummary(tenant.managementLog)).toEqual([
        { endpoint: 'GET /api/v2/users/{id}', status: 200, tokenKind: 'access' },
        { endpoint: 'PATCH /api/v2/users/{id}', status: 200, tokenKind: 'access' },
        { endpoint: 'POST /api/v2/users/{id}/identities', status: 201, tokenKind: 'access' },
      ]);
      for (const call of tenant.managementLog) expect(call.scopes).toEqual(login.scopes);
      const called = new Set(tenant.managementLog.map((c) => c.endpoint));
      expect([...called].sort()).toEqual([...pkg.endpoints].sort());
    });
  });
});
