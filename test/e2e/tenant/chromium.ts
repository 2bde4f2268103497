import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { TENANT_HOST, TENANT_ORIGIN, type UserSeed } from './tenant';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const STEP_TIMEOUT = 10_000;

export interface ChromiumSession {
  context: BrowserContext;
  /** A fresh page that records page errors and console errors into `problems`. */
  newPage(): Promise<Page>;
  problems: string[];
  /** Forgets cookies (the tenant session) and every origin's storage, between scenarios. */
  reset(origins: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Chromium with a regular profile that, like desktop Chrome's default, accepts third-party
 * cookies: the tenant's session cookie then reaches it from the hidden iframes of checkSession /
 * renewAuth / getTokenSilently and from the cross-origin /co/authenticate call, as on a real
 * tenant. (Playwright's throw-away contexts are incognito profiles, which block them; a real
 * tenant then answers silent authentication with `login_required`.) `extraHosts` maps more host
 * names to loopback ports, e.g. an app served at a non-localhost name.
 */
export async function launchChromium(tenantPort: number, extraHosts: Readonly<Record<string, number>> = {}): Promise<ChromiumSession> {
  const profile = mkdtempSync(join(tmpdir(), 'amc-chromium-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const rules = [`MAP ${TENANT_HOST} 127.0.0.1:${tenantPort}`, ...Object.entries(extraHosts).map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`)];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    timeout: 20_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
      `--host-resolver-rules=${rules.join(', ')}`,
      '--ignore-certificate-errors',
    ],
  });
  const problems: string[] = [];
  return {
    context,
    problems,
    async newPage() {
      const page = await context.newPage();
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
      });
      return page;
    },
    async reset(origins) {
      problems.length = 0;
      for (const page of context.pages()) await page.close();
      await context.clearCookies();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      for (const origin of [...origins, TENANT_ORIGIN]) {
        await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
      }
      await cdp.detach();
      await page.close();
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Fills the tenant's login page (on its host or a custom domain) like a user, once it is shown. */
export async function signIn(page: Page, user: Pick<UserSeed, 'email' | 'password'>): Promise<void> {
  await page.waitForURL((url) => url.protocol === 'https:' && url.pathname === '/u/login', { timeout: STEP_TIMEOUT });
  await page.fill('#username', user.email);
  await page.fill('#password', user.password);
  await page.click('button[type=submit]');
}

/** Answers the tenant's consent page like a user; returns the scopes it listed. */
export async function answerConsent(page: Page, accept: boolean): Promise<string[]> {
  await page.waitForURL((url) => url.protocol === 'https:' && url.pathname === '/u/consent', { timeout: STEP_TIMEOUT });
  const scopes = await page.locator('#consent-scopes li').allTextContents();
  await page.click(accept ? '#accept' : '#decline');
  return scopes;
}

/** Text of an element once the app has written it. */
export async function statusText(page: Page, id: string): Promise<string> {
  return (await page.locator(`#${id}:not(:empty)`).textContent({ timeout: STEP_TIMEOUT })) ?? '';
}
