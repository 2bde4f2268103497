import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleForBrowser } from './tenant/bundle';
import { HAS_CHROMIUM, STEP_TIMEOUT, answerConsent, launchChromium, signIn, statusText, type ChromiumSession } from './tenant/chromium';
import { AUTH0_JS_DIST, PRIMARY_USER, REPO_ROOT, SPA_CLIENT_ID, TEST_USERS } from './tenant/example-app';
import { startStaticServer, type StaticServer } from './tenant/static-server';
import { BROWSER_ACCESS_TOKEN_LIFETIME_SECONDS, MANAGEMENT_AUDIENCE, Tenant, type ClientConfig } from './tenant/tenant';

/**
 * One scenario per refusal of a real tenant: the legacy code or a wrong migration fails on the
 * emulated tenant, the right migration passes. The apps are in test/e2e/tenant-apps/, run in
 * Chromium with real auth0-js 9, Lock 11 and @auth0/auth0-spa-js 2.
 */

const APPS_DIR = join(__dirname, 'tenant-apps');
/** A host name that is not localhost, where a first-party client may skip consent. */
const PUBLIC_APP_HOST = 'app.example.com';
const PAGES = ['/authjs.html', '/silent-callback.html', '/lock.html', '/spa.html', '/spa-no-audience.html'];
const NO_CROSS_ORIGIN_CLIENT = 'NoCrossOriginAuth0000000000000000';
const THIRD_PARTY_CLIENT = 'ThirdPartyClient00000000000000000';

function scenarioClients(origins: readonly string[]): ClientConfig[] {
  const common = {
    callbacks: origins.flatMap((origin) => PAGES.map((page) => `${origin}${page}`)),
    webOrigins: origins,
    allowedOrigins: origins,
  };
  return [
    { clientId: SPA_CLIENT_ID, name: 'Scenario SPA', crossOriginAuthentication: true, ...common },
    { clientId: NO_CROSS_ORIGIN_CLIENT, name: 'SPA without cross-origin login', crossOriginAuthentication: false, ...common },
    { clientId: THIRD_PARTY_CLIENT, name: 'Partner app', firstParty: false, crossOriginAuthentication: true, ...common },
  ];
}

describe.skipIf(!HAS_CHROMIUM)('the emulated tenant refuses what a real tenant refuses (Chromium)', () => {
  let tenant: Tenant;
  let chromium: ChromiumSession;
  let app: StaticServer;
  let publicOrigin: string;

  beforeAll(async () => {
    const lockBundle = await bundleForBrowser('auth0-lock', 'Auth0Lock');
    app = await startStaticServer(APPS_DIR, {
      '/node_modules/auth0-js/dist/': AUTH0_JS_DIST,
      '/node_modules/@auth0/auth0-spa-js/dist/': join(REPO_ROOT, 'node_modules', '@auth0', 'auth0-spa-js', 'dist'),
      '/vendor/': dirname(lockBundle),
    });
    publicOrigin = `http://${PUBLIC_APP_HOST}`;
    tenant = await Tenant.start({
      clients: scenarioClients([app.origin, publicOrigin]),
      users: TEST_USERS,
      allowIdTokensForManagementApi: false,
      lockBundle,
    });
    chromium = await launchChromium(tenant.port, { [PUBLIC_APP_HOST]: Number(new URL(app.origin).port) });
  });

  afterAll(async () => {
    await chromium?.close();
    await tenant?.close();
    await app?.close();
  });

  let page: Page;
  beforeEach(async () => {
    tenant.reset(TEST_USERS);
    await chromium.reset([app.origin, publicOrigin]);
    page = await chromium.newPage();
  });

  const failure = (): string => `browser problems:\n${chromium.problems.join('\n')}`;

  /** From a page of the app: click, sign in on the tenant, answer consent if shown, back at the app. */
  async function logIn(button: string, origin: string, consent: 'accept' | 'deny' | 'none-expected' = 'accept'): Promise<string[] | null> {
    await page.click(button);
    await signIn(page, PRIMARY_USER);
    return afterSignIn(origin, consent);
  }

  async function afterSignIn(origin: string, consent: 'accept' | 'deny' | 'none-expected'): Promise<string[] | null> {
    // An embedded login starts on the app's own page, so "back at the app" is true before the
    // tenant's redirect to consent has happened: where consent is expected, wait for it.
    if (consent === 'none-expected') await page.waitForURL((url) => url.origin === origin || url.pathname === '/u/consent', { timeout: STEP_TIMEOUT });
    else await page.waitForURL((url) => url.pathname === '/u/consent', { timeout: STEP_TIMEOUT });
    const onConsent = new URL(page.url()).pathname === '/u/consent';
    expect(onConsent, 'consent page shown').toBe(consent !== 'none-expected');
    const scopes = onConsent ? await answerConsent(page, consent === 'accept') : null;
    await page.waitForURL((url) => url.origin === origin, { timeout: STEP_TIMEOUT });
    return scopes;
  }

  async function profile(): Promise<string> {
    await page.evaluate("document.getElementById('profile').textContent = ''");
    await page.click('#profile-btn');
    return statusText(page, 'profile');
  }

  async function silent(button: string): Promise<string> {
    await page.evaluate("document.getElementById('silent').textContent = ''");
    await page.click(button);
    return statusText(page, 'silent');
  }

  describe('silent authentication (prompt=none)', () => {
    it('checkSession and renewAuth without a session at the tenant: login_required', async () => {
      await page.goto(`${app.origin}/authjs.html`);
      expect(await silent('#check-session'), failure()).toBe('Error login_required: Login required');
      expect(await silent('#renew-auth')).toBe('Error login_required: Login required');
      expect(tenant.events.filter((e) => e.type === 'silent-auth-failed')).toHaveLength(2);
      expect(tenant.issued).toEqual([]);
    });

    it('a session without consent to the Management API on 127.0.0.1: consent_required', async () => {
      await page.goto(`${app.origin}/authjs.html`);
      await logIn('#login-plain', app.origin, 'none-expected');
      expect(await statusText(page, 'status'), failure()).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
      expect(await silent('#check-session')).toBe('Error consent_required: Consent required');
      expect(await silent('#renew-auth')).toBe('Error consent_required: Consent required');
    });

    it('the right migration falls back to an interactive login; after consent, checkSession and renewAuth renew silently', async () => {
      await page.goto(`${app.origin}/authjs.html`);
      await page.click('#renew-or-login');
      await signIn(page, PRIMARY_USER);
      expect(await afterSignIn(app.origin, 'accept')).toEqual(['read:current_user']);
      expect(await statusText(page, 'status'), failure()).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
      expect(await profile()).toBe(`200 ${PRIMARY_USER.email}`);

      expect(await silent('#check-session')).toBe('Renewed: openid profile read:current_user');
      expect(await silent('#renew-auth')).toBe('Renewed: openid profile read:current_user');
      expect(await profile()).toBe(`200 ${PRIMARY_USER.email}`);
      expect(tenant.issued.map((t) => ({ grant: t.grant, silent: t.silent, audience: t.audience }))).toEqual([
        { grant: 'implicit', silent: false, audience: MANAGEMENT_AUDIENCE },
        { grant: 'implicit', silent: true, audience: MANAGEMENT_AUDIENCE },
        { grant: 'implicit', silent: true, audience: MANAGEMENT_AUDIENCE },
      ]);
    });
  });

  describe('consent to the Management API', () => {
    it('a user who declines gets access_denied; a given consent is remembered for the next login', async () => {
      await page.goto(`${app.origin}/authjs.html`);
      await logIn('#login', app.origin, 'deny');
      expect(await statusText(page, 'status'), failure()).toBe('Error access_denied: User did not authorize the request');
      expect(tenant.issued).toEqual([]);

      // The session at the tenant remains: the next login goes straight to the consent page.
      await page.click('#login');
      await afterSignIn(app.origin, 'accept');
      expect(await statusText(page, 'status')).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
      expect(tenant.hasConsent(PRIMARY_USER.user_id, SPA_CLIENT_ID, MANAGEMENT_AUDIENCE, ['read:current_user'])).toBe(true);

      await page.context().clearCookies();
      await logIn('#login', app.origin, 'none-expected');
      expect(await profile()).toBe(`200 ${PRIMARY_USER.email}`);
    });

    it('off localhost a first-party client skips consent; a third-party client is always asked', async () => {
      await page.goto(`${publicOrigin}/authjs.html`);
      await logIn('#login', publicOrigin, 'none-expected');
      expect(await statusText(page, 'status'), failure()).toBe(`Logged in as ${PRIMARY_USER.user_id}`);

      await page.goto(`${publicOrigin}/authjs.html?client=${THIRD_PARTY_CLIENT}`);
      await page.click('#login');
      expect(await afterSignIn(publicOrigin, 'accept')).toEqual(['read:current_user']);
      expect(await statusText(page, 'status')).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
    });
  });

  describe('token lifetimes and renewal', () => {
    it('an access token expires before the ID token; the stored token then fails and a renewed one works', async () => {
      await page.goto(`${app.origin}/authjs.html`);
      await logIn('#login', app.origin, 'accept');
      expect(await profile(), failure()).toBe(`200 ${PRIMARY_USER.email}`);

      tenant.advanceClock(BROWSER_ACCESS_TOKEN_LIFETIME_SECONDS + 1);
      expect(await profile()).toBe('401 Expired token received for JSON Web Token validation');
      expect(await silent('#check-session')).toBe('Renewed: openid profile read:current_user');
      expect(await profile()).toBe(`200 ${PRIMARY_USER.email}`);
    });
  });

  describe('Lock 11', () => {
    async function lockLogIn(): Promise<void> {
      await page.click('#login');
      await page
        .locator('.auth0-lock input[name=email]')
        .fill(PRIMARY_USER.email, { timeout: STEP_TIMEOUT })
        .catch((err: unknown) => {
          throw new Error(`${String(err)}\n${failure()}`);
        });
      await page.locator('.auth0-lock input[name=password]').fill(PRIMARY_USER.password);
      await page.locator('.auth0-lock button.auth0-lock-submit').click();
    }

    it('embedded: cross-origin authentication, consent, then the Management API with the access token', async () => {
      await page.goto(`${app.origin}/lock.html`);
      await lockLogIn();
      expect(await afterSignIn(app.origin, 'accept'), failure()).toEqual(['read:current_user']);
      expect(await statusText(page, 'status'), failure()).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
      expect(await profile()).toBe(`200 ${PRIMARY_USER.email}`);
      expect(tenant.events).toContainEqual({ type: 'login', userId: PRIMARY_USER.user_id, via: 'cross-origin' });
    });

    it('embedded on a client without "Allow Cross-Origin Authentication": no login', async () => {
      await page.goto(`${app.origin}/lock.html?client=${NO_CROSS_ORIGIN_CLIENT}`);
      await lockLogIn();
      await page.locator('.auth0-global-message-error').waitFor({ timeout: STEP_TIMEOUT });
      expect(tenant.events).toContainEqual({ type: 'login-refused', endpoint: '/co/authenticate', status: 401, error: 'unauthorized_client' });
      expect(tenant.issued).toEqual([]);
      expect(tenant.events.filter((e) => e.type === 'login')).toEqual([]);
    });

    it('universal login: the hosted classic Lock page, /usernamepassword/login, consent, back to the app', async () => {
      tenant.loginPage = 'classic-lock';
      await page.goto(`${app.origin}/authjs.html`);
      await lockLogIn();
      expect(await afterSignIn(app.origin, 'accept'), failure()).toEqual(['read:current_user']);
      expect(await statusText(page, 'status'), failure()).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
      expect(await profile()).toBe(`200 ${PRIMARY_USER.email}`);
      expect(tenant.events).toContainEqual({ type: 'login', userId: PRIMARY_USER.user_id, via: 'classic-lock' });
    });
  });

  describe('authorization code flow with PKCE (@auth0/auth0-spa-js)', () => {
    it('with the Management audience: code + code_verifier, consent, then silent renewal through web_message', async () => {
      await page.goto(`${app.origin}/spa.html`);
      await logIn('#login', app.origin, 'accept');
      expect(await statusText(page, 'status'), failure()).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
      expect(await profile()).toBe(`200 ${PRIMARY_USER.email}`);
      await page.click('#silent');
      expect(await statusText(page, 'silent-status'), failure()).toMatch(/^Renewed: /);
      expect(tenant.issued.map((t) => ({ grant: t.grant, silent: t.silent, format: t.accessTokenFormat }))).toEqual([
        { grant: 'authorization_code', silent: false, format: 'jwt' },
        { grant: 'authorization_code', silent: true, format: 'jwt' },
      ]);
    });

    it('without an audience the access token is opaque: the Management API answers 400', async () => {
      await page.goto(`${app.origin}/spa-no-audience.html`);
      await logIn('#login', app.origin, 'none-expected');
      expect(await statusText(page, 'status'), failure()).toBe(`Logged in as ${PRIMARY_USER.user_id}`);
      expect(await profile()).toBe('400 Bad HTTP authentication header format');
      expect(tenant.issued[0]).toMatchObject({ grant: 'authorization_code', accessTokenFormat: 'opaque' });
    });
  });
});
