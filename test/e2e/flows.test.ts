import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, STEP_TIMEOUT, answerConsent, launchChromium, signIn, statusText, type ChromiumSession } from './tenant/chromium';
import {
  AUTH0_JS_DIST,
  PRIMARY_USER,
  REPO_ROOT,
  SCRIPT_CLIENT_ID,
  SCRIPT_CLIENT_SECRET,
  SECONDARY_USER,
  SPA_CLIENT_ID,
  TEST_USERS,
} from './tenant/example-app';
import { migrateWithCli, packageReport, type CodemodReport } from './tenant/migrate';
import { bundleForBrowser } from './tenant/bundle';
import { startStaticServer, type StaticServer } from './tenant/static-server';
import { CURRENT_USER_SCOPES, MANAGEMENT_SCOPES, TENANT_HOST, Tenant, type ManagementCall } from './tenant/tenant';

/**
 * Flow scenarios (issue "one migration plan per package", item 7): small realistic apps in
 * test/e2e/flows/<name>/. Each runs as written (legacy) on the emulated tenant with the Dashboard
 * toggle "Allow ID Tokens for Management API" on; then a copy is migrated by the built CLI (write
 * mode, --json) and runs with the toggle off. The invariant is "never worse than before": the
 * migrated app works with exactly the scopes the report infers, or it is byte-identical to the
 * legacy one and the report names the finding that blocked it.
 *
 * Scenarios the tool gets wrong today are marked `failsToday` (vitest `it.fails`) with what it
 * does wrong, so the suite stays green and each flips when the tool is fixed.
 */

type Expected =
  | { kind: 'works' }
  /** Either outcome keeps the invariant: migrated whole, or left alone with this finding. */
  | { kind: 'works-or-blocked'; finding: string }
  /** Already migrated: nothing changes, `--check` exits 0, and the app works. */
  | { kind: 'no-op' }
  | { kind: 'blocked'; finding: string };

interface FlowScenario {
  name: string;
  /** A browser app (index.html) or a Node script (scripts/profile.js). */
  runs: 'browser' | 'script';
  /**
   * The browser walk: log in on the tenant's page and show the profile; or also link a second
   * account; or log in through the app's own Lock widget.
   */
  walk?: 'profile' | 'link' | 'lock';
  expected: Expected;
  /** What today's tool does wrong here (details in a comment); the migrated test is then `it.fails`. */
  failsToday?: string;
}

const SCENARIOS: readonly FlowScenario[] = [
  { name: 'cross-file-storage', runs: 'browser', expected: { kind: 'works' } },
  // The token reaches the Management API client as a parameter of the app's own function: every
  // call passes the access token, read from where the login stores it.
  { name: 'token-parameter', runs: 'browser', expected: { kind: 'works' } },
  {
    name: 'braceless-storage',
    runs: 'browser',
    expected: { kind: 'works' },
  },
  {
    name: 'storage-key-constant',
    runs: 'browser',
    expected: { kind: 'works-or-blocked', finding: 'untraceable-token' },
  },
  {
    name: 'auth-header-wrapper',
    runs: 'browser',
    // fetchAsUser(url) signs every request with the stored ID token; the codemod cannot tell that
    // only Management API calls go through it, so the call through it is reported and its flow kept.
    expected: { kind: 'blocked', finding: 'untraceable-token' },
  },
  { name: 'check-session-per-call', runs: 'browser', expected: { kind: 'works' } },
  // No SDK: a hand-built /authorize URL (URLSearchParams) and a hash parsed the same way.
  { name: 'hand-built-authorize-url', runs: 'browser', expected: { kind: 'works' } },
  {
    name: 'link-accounts',
    runs: 'browser',
    walk: 'link',
    expected: { kind: 'works' },
  },
  { name: 'already-migrated', runs: 'browser', expected: { kind: 'no-op' } },
  {
    name: 'custom-domain',
    runs: 'browser',
    expected: { kind: 'blocked', finding: 'custom-domain' },
  },
  {
    // The custom domain is set in the config module the login imports (auth0-variables.js, which
    // names nothing Auth0): the audience built from it would be the custom domain's, which the
    // tenant refuses, so the flow is left alone.
    name: 'imported-custom-domain',
    runs: 'browser',
    expected: { kind: 'blocked', finding: 'custom-domain' },
  },
  {
    name: 'lock10-get-profile',
    runs: 'browser',
    walk: 'lock',
    expected: { kind: 'blocked', finding: 'legacy-get-profile' },
  },
  { name: 'token-request-options-variable', runs: 'script', expected: { kind: 'works' } },
];

const FLOWS_DIR = join(__dirname, 'flows');
/** The tenant's custom domain in the custom-domain scenario. */
const CUSTOM_DOMAIN = 'login.example.com';
const PRELOAD = join(__dirname, 'tenant', 'resolve-tenant.cjs');
const CLI_BIN = join(REPO_ROOT, 'bin', 'auth0-mgmt-codemod.js');

interface Copy {
  dir: string;
  server?: StaticServer;
}

function copyScenario(name: string, label: string): string {
  const dir = join(realpathSync(mkdtempSync(join(tmpdir(), `flow-${label}-`))), name);
  cpSync(join(FLOWS_DIR, name), dir, { recursive: true });
  return dir;
}

/** Every file under `dir` with its bytes, keyed by relative path. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

function checkExitCode(dir: string): number | null {
  return spawnSync(process.execPath, [CLI_BIN, 'all', dir, '--check'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 }).status;
}

function findingCodes(report: CodemodReport): string[] {
  return report.files.flatMap((f) => f.findings.map((x) => x.code));
}

interface RunOutcome {
  result: string;
  calls: ManagementCall[];
}

function runScript(dir: string, port: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_TLS_REJECT_UNAUTHORIZED: '0',
    E2E_TENANT_HOST: TENANT_HOST,
    E2E_TENANT_PORT: String(port),
    AUTH0_CLIENT_SECRET: SCRIPT_CLIENT_SECRET,
  };
  const child = spawn(process.execPath, ['--require', PRELOAD, join(dir, 'scripts', 'profile.js'), PRIMARY_USER.email, PRIMARY_USER.password], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!HAS_CHROMIUM)('flow scenarios: never worse than before', () => {
  let tenant: Tenant;
  let chromium: ChromiumSession;
  const legacy = new Map<string, Copy>();
  const migrated = new Map<string, Copy>();

  beforeAll(async () => {
    const mounts = { '/node_modules/auth0-js/dist/': AUTH0_JS_DIST };
    for (const scenario of SCENARIOS) {
      for (const [copies, label] of [[legacy, 'legacy'], [migrated, 'migrated']] as const) {
        const dir = copyScenario(scenario.name, label);
        copies.set(scenario.name, { dir, server: scenario.runs === 'browser' ? await startStaticServer(dir, mounts) : undefined });
      }
    }
    const origins = [...legacy.values(), ...migrated.values()].flatMap((c) => (c.server ? [c.server.origin] : []));
    tenant = await Tenant.start({
      clients: [
        {
          clientId: SPA_CLIENT_ID,
          name: 'Flow app',
          callbacks: origins.flatMap((o) => [`${o}/`, `${o}/link.html`]),
          webOrigins: origins,
          allowedOrigins: origins,
          crossOriginAuthentication: true,
        },
        { clientId: SCRIPT_CLIENT_ID, name: 'Profile script', clientSecret: SCRIPT_CLIENT_SECRET, callbacks: [], webOrigins: [] },
      ],
      users: TEST_USERS,
      allowIdTokensForManagementApi: true,
      // Lock 10 apps load Lock from Auth0's CDN, and Lock 10 reads the client's settings there.
      cdnFiles: { '/js/lock/10.24.3/lock.min.js': await bundleForBrowser('auth0-lock-10', 'Auth0Lock') },
      customDomain: CUSTOM_DOMAIN,
    });
    chromium = await launchChromium(tenant.port, { 'cdn.auth0.com': tenant.port, [CUSTOM_DOMAIN]: tenant.port });
  });

  afterAll(async () => {
    await chromium?.close();
    await tenant?.close();
    for (const copy of [...legacy.values(), ...migrated.values()]) {
      await copy.server?.close();
      rmSync(join(copy.dir, '..'), { recursive: true, force: true });
    }
  });

  beforeEach(() => tenant.reset(TEST_USERS));

  /** Signs in on the tenant's page and accepts the consent page when the tenant shows one. */
  async function signInAndConsent(page: import('playwright-core').Page, user: typeof PRIMARY_USER, origin: string): Promise<void> {
    await signIn(page, user);
    await page.waitForURL((url) => url.origin === origin || url.pathname === '/u/consent', { timeout: STEP_TIMEOUT });
    if (new URL(page.url()).pathname === '/u/consent') await answerConsent(page, true);
    await page.waitForURL((url) => url.origin === origin, { timeout: STEP_TIMEOUT });
  }

  async function run(scenario: FlowScenario, copy: Copy): Promise<RunOutcome> {
    if (scenario.runs === 'script') {
      const script = await runScript(copy.dir, tenant.port);
      return { result: script.code === 0 ? script.stdout.trim() : script.stderr.trim(), calls: [...tenant.managementLog] };
    }
    const origin = copy.server?.origin ?? '';
    await chromium.reset([origin]);
    const page = await chromium.newPage();
    try {
      await page.goto(`${origin}/`);
      await page.click('#login');
      if (scenario.walk === 'lock') {
        await page.locator('.auth0-lock input[name=email]').fill(PRIMARY_USER.email, { timeout: STEP_TIMEOUT });
        await page.locator('.auth0-lock input[name=password]').fill(PRIMARY_USER.password);
        await page.locator('.auth0-lock button.auth0-lock-submit').click();
        await page.waitForURL((url) => url.origin !== origin || url.hash !== '', { timeout: STEP_TIMEOUT });
        if (new URL(page.url()).pathname === '/u/consent') await answerConsent(page, true);
      } else {
        await signInAndConsent(page, PRIMARY_USER, origin);
      }
      await statusText(page, 'status');
      let result: string;
      if (scenario.walk === 'link') {
        await page.goto(`${origin}/link.html`);
        await page.click('#link-login');
        await signInAndConsent(page, SECONDARY_USER, origin);
        result = await statusText(page, 'result');
      } else {
        await page.click('#action');
        result = await statusText(page, 'result');
      }
      return { result, calls: [...tenant.managementLog] };
    } catch (err) {
      throw new Error(`${String(err)}\nbrowser problems:\n${chromium.problems.join('\n')}`);
    } finally {
      await page.close();
    }
  }

  function expectWorks(outcome: RunOutcome): void {
    expect(outcome.result).toMatch(/^ok /);
    expect(outcome.calls.length).toBeGreaterThan(0);
    for (const call of outcome.calls) expect(call.status, `${call.method} ${call.path}`).toBeLessThan(300);
  }

  for (const scenario of SCENARIOS) {
    describe(scenario.name, () => {
      it('legacy: works with ID tokens while the tenant allows them', async () => {
        tenant.allowIdTokensForManagementApi = true;
        const copy = legacy.get(scenario.name);
        if (!copy) throw new Error(`no copy of ${scenario.name}`);
        expectWorks(await run(scenario, copy));
      });

      const migratedTest = scenario.failsToday ? it.fails : it;
      migratedTest(`migrated: ${describeExpected(scenario.expected)}`, async () => {
        const copy = migrated.get(scenario.name);
        if (!copy) throw new Error(`no copy of ${scenario.name}`);
        const before = snapshot(copy.dir);
        const report = migrateWithCli(copy.dir);
        const after = snapshot(copy.dir);
        expect(report.totals.errors).toBe(0);
        tenant.allowIdTokensForManagementApi = false;

        const blocked = scenario.expected.kind === 'blocked' || (scenario.expected.kind === 'works-or-blocked' && !report.files.some((f) => f.status === 'changed'));
        if (blocked && 'finding' in scenario.expected) {
          expect(after).toEqual(before);
          expect(findingCodes(report)).toContain(scenario.expected.finding);
          return;
        }
        if (scenario.expected.kind === 'no-op') {
          expect(after).toEqual(before);
          expect(findingCodes(report)).toEqual([]);
          expect(checkExitCode(copy.dir)).toBe(0);
        } else {
          expect(after).not.toEqual(before);
          expect(checkExitCode(copy.dir)).toBe(0);
        }
        const outcome = await run(scenario, copy);
        expectWorks(outcome);
        const inferred = [...packageReport(report, copy.dir).scopes].sort();
        for (const call of outcome.calls) {
          expect(call.tokenKind).toBe('access');
          expect(call.scopes.filter((s) => MANAGEMENT_SCOPES.includes(s)).sort()).toEqual(inferred);
        }
        expect(inferred.every((s) => CURRENT_USER_SCOPES.includes(s))).toBe(true);
        if (scenario.walk === 'link') {
          // The secondary login keeps its ID-token config: it asks for no Management audience.
          const secondary = tenant.issued.filter((t) => t.sub === SECONDARY_USER.user_id);
          expect(secondary.length).toBeGreaterThan(0);
          for (const token of secondary) expect(token.audience).toBeNull();
        }
      });
    });
  }
});

function describeExpected(expected: Expected): string {
  switch (expected.kind) {
    case 'works':
      return 'works with access tokens holding exactly the inferred scopes';
    case 'no-op':
      return 'already migrated: unchanged, --check exits 0, still works';
    case 'blocked':
      return `byte-identical to the legacy app, with finding ${expected.finding}`;
    case 'works-or-blocked':
      return `works with exactly the inferred scopes, or byte-identical with finding ${expected.finding}`;
  }
}
