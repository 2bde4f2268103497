import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTenant, cookiesOf, type TenantResponse } from './tenant/call';
import { PRIMARY_USER, SECONDARY_USER, TEST_USERS } from './tenant/example-app';
import { decodeJwt } from './tenant/jwt';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  ID_TOKEN_LIFETIME_SECONDS,
  MANAGEMENT_AUDIENCE,
  PASSWORDLESS_CONNECTION,
  Tenant,
} from './tenant/tenant';

/**
 * Protocol-level refusals of the emulated tenant that need no browser: per-client signing
 * algorithm and link_with, token lifetimes and refresh, PKCE, passwordless and cross-origin
 * login tickets. Each pairs the refused request with the accepted one.
 */

const RS256_SPA = 'Rs256SpaClient0000000000000000000';
const HS256_SPA = 'Hs256SpaClient0000000000000000000';
const APP = 'https://app.example.com';
const CALLBACK = `${APP}/callback`;
const LOCAL_APP = 'http://localhost:3000';

describe('the emulated tenant (HTTP)', () => {
  let tenant: Tenant;

  beforeAll(async () => {
    const spa = { callbacks: [CALLBACK, `${LOCAL_APP}/callback`], webOrigins: [APP, LOCAL_APP], allowedOrigins: [APP], crossOriginAuthentication: true };
    tenant = await Tenant.start({
      clients: [
        { clientId: RS256_SPA, ...spa },
        // An HS256 SPA: the secret only signs its ID tokens; the browser never sends it.
        { clientId: HS256_SPA, clientSecret: 'hs256-signing-secret', public: true, signingAlgorithm: 'HS256', ...spa },
      ],
      users: TEST_USERS,
      allowIdTokensForManagementApi: false,
    });
  });

  afterAll(async () => {
    await tenant?.close();
  });

  beforeEach(() => tenant.reset(TEST_USERS));

  async function passwordRealm(clientId: string, user: typeof PRIMARY_USER, fields: Record<string, string> = {}): Promise<TenantResponse> {
    return callTenant(tenant.port, 'POST', '/oauth/token', {
      body: {
        grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
        realm: 'Username-Password-Authentication',
        client_id: clientId,
        username: user.email,
        password: user.password,
        ...fields,
      },
    });
  }

  describe('signing algorithm and account linking', () => {
    async function link(clientId: string): Promise<TenantResponse> {
      const primary = await passwordRealm(clientId, PRIMARY_USER, { audience: MANAGEMENT_AUDIENCE, scope: 'openid update:current_user_identities' });
      const secondary = await passwordRealm(clientId, SECONDARY_USER, { scope: 'openid' });
      expect(decodeJwt(String(secondary.body.id_token))?.header.alg).toBe(clientId === HS256_SPA ? 'HS256' : 'RS256');
      return callTenant(tenant.port, 'POST', `/api/v2/users/${encodeURIComponent(PRIMARY_USER.user_id)}/identities`, {
        token: String(primary.body.access_token),
        body: { link_with: secondary.body.id_token },
      });
    }

    it('refuses link_with an HS256 ID token: the client must sign RS256', async () => {
      const refused = await link(HS256_SPA);
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe('link_with must be an ID token signed with RS256, not HS256');
      expect(tenant.user(SECONDARY_USER.user_id)).toBeDefined();
    });

    it('links with an RS256 ID token of the same client', async () => {
      expect((await link(RS256_SPA)).status).toBe(201);
      expect(tenant.user(SECONDARY_USER.user_id)).toBeUndefined();
    });

    it('keeps access tokens RS256 whatever the client signs its ID tokens with', async () => {
      const tokens = await passwordRealm(HS256_SPA, PRIMARY_USER, { audience: MANAGEMENT_AUDIENCE, scope: 'openid read:current_user' });
      expect(decodeJwt(String(tokens.body.access_token))?.header.alg).toBe('RS256');
      const own = await callTenant(tenant.port, 'GET', `/api/v2/users/${encodeURIComponent(PRIMARY_USER.user_id)}`, { token: String(tokens.body.access_token) });
      expect(own.status).toBe(200);
    });
  });

  describe('lifetimes and renewal', () => {
    it('gives access and ID tokens their own lifetimes; an expired access token is refused with the API text', async () => {
      const tokens = await passwordRealm(RS256_SPA, PRIMARY_USER, { audience: MANAGEMENT_AUDIENCE, scope: 'openid read:current_user' });
      expect(tokens.body.expires_in).toBe(ACCESS_TOKEN_LIFETIME_SECONDS);
      const idClaims = decodeJwt(String(tokens.body.id_token))?.payload ?? {};
      expect(Number(idClaims.exp) - Number(idClaims.iat)).toBe(ID_TOKEN_LIFETIME_SECONDS);

      tenant.advanceClock(ACCESS_TOKEN_LIFETIME_SECONDS + 1);
      const expired = await callTenant(tenant.port, 'GET', `/api/v2/users/${encodeURIComponent(PRIMARY_USER.user_id)}`, { token: String(tokens.body.access_token) });
      expect(expired.status).toBe(401);
      expect(expired.body.message).toBe('Expired token received for JSON Web Token validation');
    });

    it('renews with a refresh token (offline_access) and rotates it: a used refresh token is refused', async () => {
      const tokens = await passwordRealm(RS256_SPA, PRIMARY_USER, { audience: MANAGEMENT_AUDIENCE, scope: 'openid offline_access read:current_user' });
      const refreshToken = String(tokens.body.refresh_token);
      tenant.advanceClock(ACCESS_TOKEN_LIFETIME_SECONDS + 1);
      const refresh = (): Promise<TenantResponse> =>
        callTenant(tenant.port, 'POST', '/oauth/token', { body: { grant_type: 'refresh_token', client_id: RS256_SPA, refresh_token: refreshToken } });
      const renewed = await refresh();
      expect(renewed.status).toBe(200);
      expect(renewed.body.scope).toBe('openid offline_access read:current_user');
      const own = await callTenant(tenant.port, 'GET', `/api/v2/users/${encodeURIComponent(PRIMARY_USER.user_id)}`, { token: String(renewed.body.access_token) });
      expect(own.status).toBe(200);
      expect((await refresh()).body.error).toBe('invalid_grant');
    });
  });

  describe('authorization code with PKCE', () => {
    const verifier = 'a-code-verifier-of-at-least-forty-three-characters-0123456789';
    const challenge = createHash('sha256').update(verifier).digest('base64url');

    /** /authorize → login page → code at the callback, as a browser would follow it. */
    async function authorizationCode(redirectUri: string): Promise<{ code: string | null; location: string }> {
      const query = new URLSearchParams({
        client_id: RS256_SPA,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid read:current_user',
        audience: MANAGEMENT_AUDIENCE,
        state: 'xyz',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const start = await callTenant(tenant.port, 'GET', `/authorize?${query.toString()}`);
      const transaction = new URL(String(start.headers.location), 'https://x').searchParams.get('state') ?? '';
      const login = await callTenant(tenant.port, 'POST', '/u/login', { form: { state: transaction, username: PRIMARY_USER.email, password: PRIMARY_USER.password } });
      const location = String(login.headers.location);
      return { code: new URL(location, 'https://x').searchParams.get('code'), location };
    }

    it('off localhost a first-party client gets its code without consent; the exchange needs the right code_verifier', async () => {
      const first = await authorizationCode(CALLBACK);
      expect(first.location.startsWith(`${CALLBACK}?`)).toBe(true);
      const wrong = await callTenant(tenant.port, 'POST', '/oauth/token', {
        body: { grant_type: 'authorization_code', client_id: RS256_SPA, code: first.code, redirect_uri: CALLBACK, code_verifier: `${verifier}x` },
      });
      expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: 'Failed to verify code verifier' });

      const second = await authorizationCode(CALLBACK);
      const right = await callTenant(tenant.port, 'POST', '/oauth/token', {
        body: { grant_type: 'authorization_code', client_id: RS256_SPA, code: second.code, redirect_uri: CALLBACK, code_verifier: verifier },
      });
      expect(right.status).toBe(200);
      expect(right.body.scope).toBe('openid read:current_user');
    });

    it('on localhost the same login stops at the consent page', async () => {
      const { location } = await authorizationCode(`${LOCAL_APP}/callback`);
      expect(location.startsWith('/u/consent?state=')).toBe(true);
    });
  });

  describe('embedded passwordless and cross-origin login tickets', () => {
    async function startAndAuthenticate(origin: string): Promise<TenantResponse> {
      const start = await callTenant(tenant.port, 'POST', '/passwordless/start', {
        headers: { Origin: origin },
        body: { client_id: RS256_SPA, connection: PASSWORDLESS_CONNECTION, email: 'kim@example.com', send: 'code', authParams: {} },
      });
      expect(start.status, start.text).toBe(200);
      return callTenant(tenant.port, 'POST', '/co/authenticate', {
        headers: { Origin: origin },
        body: {
          client_id: RS256_SPA,
          credential_type: 'http://auth0.com/oauth/grant-type/passwordless/otp',
          realm: PASSWORDLESS_CONNECTION,
          username: 'kim@example.com',
          otp: tenant.passwordlessCode('kim@example.com'),
        },
      });
    }

    function authorizeWithTicket(ticket: string, cookie?: string): Promise<TenantResponse> {
      const query = new URLSearchParams({
        client_id: RS256_SPA,
        redirect_uri: CALLBACK,
        response_type: 'token id_token',
        scope: 'openid',
        nonce: 'n',
        login_ticket: ticket,
      });
      return callTenant(tenant.port, 'GET', `/authorize?${query.toString()}`, { headers: cookie ? { Cookie: cookie } : {} });
    }

    it('logs in with the emailed code, redeeming the ticket with the verifier cookie', async () => {
      const authenticated = await startAndAuthenticate(APP);
      expect(authenticated.status, authenticated.text).toBe(200);
      const redeemed = await authorizeWithTicket(String(authenticated.body.login_ticket), cookiesOf(authenticated));
      expect(String(redeemed.headers.location)).toMatch(/^https:\/\/app\.example\.com\/callback#access_token=/);
      expect(tenant.issued[0]).toMatchObject({ grant: 'implicit', sub: expect.stringMatching(/^email\|/) as unknown });
    });

    it('refuses a ticket without the verifier cookie (third-party cookies blocked, no fallback page)', async () => {
      const authenticated = await startAndAuthenticate(APP);
      const refused = await authorizeWithTicket(String(authenticated.body.login_ticket));
      expect(String(refused.headers.location)).toContain('error=access_denied&error_description=Unable%20to%20configure%20verification%20page.');
    });

    it('refuses an origin that is not among Allowed Origins (CORS)', async () => {
      const refused = await callTenant(tenant.port, 'POST', '/passwordless/start', {
        headers: { Origin: 'https://evil.example' },
        body: { client_id: RS256_SPA, connection: PASSWORDLESS_CONNECTION, email: 'kim@example.com', send: 'code' },
      });
      expect(refused.status).toBe(403);
      expect(refused.text).toBe('Origin https://evil.example is not allowed.');
    });
  });
});
