import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANAGEMENT_AUDIENCE, Tenant, type UserSeed } from './tenant';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const EXAMPLE_DIR = join(REPO_ROOT, 'examples', 'legacy-spa');
export const AUTH0_JS_DIST = join(REPO_ROOT, 'node_modules', 'auth0-js', 'dist');

/** Client ids written in the example's sources (src/auth.js, scripts/get-token.js). */
export const SPA_CLIENT_ID = 'kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E';
export const SCRIPT_CLIENT_ID = 'Hq5ZmR2cT8vLw3Ny6Kp0Bd4Xs7Gf9Ja1';
export const SCRIPT_CLIENT_SECRET = 'e2e-script-client-secret';
/** A machine-to-machine application authorized for the Management API (a backend's client). */
export const M2M_CLIENT_ID = 'Mm2MbAcKeNd0cLiEnT1d2e3f4g5h6i7j';
export const M2M_CLIENT_SECRET = 'e2e-m2m-client-secret';
export const M2M_SCOPES: readonly string[] = ['read:users', 'update:users'];

export const PRIMARY_USER: UserSeed = {
  user_id: 'auth0|5a620d29a840170a9ef43672',
  email: 'ada@example.com',
  password: 'Correct-Horse-1',
  name: 'Ada Lovelace',
  nickname: 'ada',
};

export const SECONDARY_USER: UserSeed = {
  user_id: 'auth0|5b7e3c1f2d9a4e6b8c0f1a23',
  email: 'ada.work@example.com',
  password: 'Battery-Staple-2',
  name: 'Ada Lovelace (work)',
  nickname: 'ada.work',
};

/** The example tenant's own backend API, which the example does not use. */
export const BACKEND_API = 'https://api.example.com/';

export const TEST_USERS: readonly UserSeed[] = [PRIMARY_USER, SECONDARY_USER];

/** A fresh copy of the example in a temporary folder; the codemod rewrites copies, never the original. */
export function copyExample(label: string): string {
  const dir = join(realpathSync(mkdtempSync(join(tmpdir(), `legacy-spa-${label}-`))), 'legacy-spa');
  cpSync(EXAMPLE_DIR, dir, { recursive: true });
  return dir;
}

export function removeCopy(dir: string): void {
  rmSync(join(dir, '..'), { recursive: true, force: true });
}

/** The tenant the example was written for: its SPA (at the given origins) and its script client. */
export function startExampleTenant(appOrigins: readonly string[], allowIdTokensForManagementApi: boolean): Promise<Tenant> {
  return Tenant.start({
    clients: [
      {
        clientId: SPA_CLIENT_ID,
        name: 'Legacy SPA',
        callbacks: appOrigins.map((origin) => `${origin}/callback.html`),
        webOrigins: appOrigins,
      },
      { clientId: SCRIPT_CLIENT_ID, name: 'Profile script', clientSecret: SCRIPT_CLIENT_SECRET, callbacks: [], webOrigins: [] },
      { clientId: M2M_CLIENT_ID, name: 'Backend', clientSecret: M2M_CLIENT_SECRET, callbacks: [], webOrigins: [] },
    ],
    clientGrants: [{ clientId: M2M_CLIENT_ID, audience: MANAGEMENT_AUDIENCE, scopes: M2M_SCOPES }],
    users: TEST_USERS,
    allowIdTokensForManagementApi,
    otherApis: [BACKEND_API],
  });
}
