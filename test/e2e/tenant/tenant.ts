import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSelfSignedCertificate } from './certificate';
import { SigningKey, accessTokenHash, decodeJwt, signHs256, verifyHs256, type JwtClaims } from './jwt';
import { CURRENT_USER_SCOPES, MANAGEMENT_SCOPES, acceptedScopes, findEndpoint, type ManagementEndpoint } from './management-api';
import {
  classicLockPage,
  consentPage,
  crossOriginVerificationPage,
  errorPage,
  formPostPage,
  loginCallbackForm,
  loginPage,
  webMessagePage,
} from './pages';

/**
 * An emulated Auth0 tenant that refuses what a real tenant refuses: the Authentication API
 * (/authorize with login, consent, silent authentication and every response mode; /oauth/token
 * with the password, password-realm, client-credentials, authorization-code + PKCE and refresh
 * grants; /userinfo; embedded login through /co/authenticate, /usernamepassword/login,
 * /passwordless/start and Lock's /client/{id}.js), and the Management API v2 user endpoints of
 * `management-api.ts`. `README.md` beside this file lists each behaviour with its source.
 */

export const TENANT_HOST = 'example-tenant.auth0.com';
export const TENANT_ORIGIN = `https://${TENANT_HOST}`;
export const ISSUER = `${TENANT_ORIGIN}/`;
export const MANAGEMENT_AUDIENCE = `${TENANT_ORIGIN}/api/v2/`;
export const USERINFO_AUDIENCE = `${TENANT_ORIGIN}/userinfo`;
export const DATABASE_CONNECTION = 'Username-Password-Authentication';
export const PASSWORDLESS_CONNECTION = 'email';
export { CURRENT_USER_SCOPES, MANAGEMENT_SCOPES };

/** Default lifetimes (auth0/docs-v2 main/docs/secure/tokens/id-tokens.mdx and access-tokens.mdx). */
export const ID_TOKEN_LIFETIME_SECONDS = 36_000;
/** "Token Expiration For Browser Flows": access tokens issued by the implicit flow. */
export const BROWSER_ACCESS_TOKEN_LIFETIME_SECONDS = 7_200;
/** "Token Expiration": access tokens issued by /oauth/token. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 86_400;

const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email'];
const PASSWORD_REALM_GRANT = 'http://auth0.com/oauth/grant-type/password-realm';
const PASSWORDLESS_OTP_GRANT = 'http://auth0.com/oauth/grant-type/passwordless/otp';
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export type SigningAlgorithm = 'RS256' | 'HS256';

export interface ClientConfig {
  clientId: string;
  /** Shown on the login and consent pages. */
  name?: string;
  /** The client secret; also the key of HS256 ID tokens. */
  clientSecret?: string;
  /**
   * A public client (SPA, native: token endpoint authentication "None") never sends its secret;
   * a confidential one must. Default: public when it has no secret.
   */
  public?: boolean;
  /** Allowed Callback URLs. */
  callbacks: readonly string[];
  /** Allowed Web Origins: `web_message` responses and browser calls to the tenant (CORS). */
  webOrigins: readonly string[];
  /** Allowed Origins (CORS): origins that may post credentials to /co/authenticate. */
  allowedOrigins?: readonly string[];
  /** JsonWebToken Signature Algorithm of the client's ID tokens (default RS256). */
  signingAlgorithm?: SigningAlgorithm;
  /** First-party clients may skip consent where the API allows it (default true). */
  firstParty?: boolean;
  /** "Allow Cross-Origin Authentication" (default false, as for a new application). */
  crossOriginAuthentication?: boolean;
  /** "Cross-Origin Verification Fallback URL". */
  crossOriginLoc?: string;
}

/** A machine-to-machine authorization: what `client_credentials` may get for an API. */
export interface ClientGrant {
  clientId: string;
  audience: string;
  scopes: readonly string[];
}

export interface Identity {
  connection: string;
  provider: string;
  user_id: string;
  isSocial: boolean;
  profileData?: { email: string; name: string };
}

export interface TenantUser {
  /** `auth0|<id>` for database users, `email|<id>` for passwordless ones. */
  user_id: string;
  email: string;
  password: string;
  name: string;
  nickname: string;
  connection: string;
  user_metadata: Record<string, unknown>;
  app_metadata: Record<string, unknown>;
  identities: Identity[];
}

export type UserSeed = Pick<TenantUser, 'user_id' | 'email' | 'password' | 'name' | 'nickname'>;

export interface TenantOptions {
  clients: readonly ClientConfig[];
  clientGrants?: readonly ClientGrant[];
  users: readonly UserSeed[];
  /** The Dashboard toggle "Allow ID Tokens for Management API v2 Authentication". */
  allowIdTokensForManagementApi: boolean;
  /** Identifiers of the tenant's own APIs besides the Management API (e.g. an app's backend). */
  otherApis?: readonly string[];
  /**
   * The Management API's "Allow Skipping User Consent" for first-party clients (default true).
   * Consent is never skipped for a redirect URI on localhost or 127.0.0.1.
   */
  skipConsentForFirstParty?: boolean;
  /** Universal Login's page at start: the identifier + password form (default) or classic Lock 11. */
  loginPage?: 'form' | 'classic-lock';
  /** A browser bundle of Lock 11 that the classic login page loads (required for 'classic-lock'). */
  lockBundle?: string;
  /**
   * Files served at these paths, standing in for Auth0's CDN (Chromium maps cdn.auth0.com to the
   * tenant): e.g. `/js/lock/10.24.3/lock.min.js`. Lock 10 also reads `/client/{id}.js` there.
   */
  cdnFiles?: Readonly<Record<string, string>>;
  /**
   * A custom domain of the tenant (Chromium maps it to the tenant too). Logins through it get
   * tokens issued by `https://<customDomain>/`; the Management API audience stays the tenant host
   * (Docs: customize/custom-domains/configure-features-to-use-custom-domains.mdx). Implicit and
   * code flows only.
   */
  customDomain?: string;
}

export type TokenKind = 'none' | 'malformed' | 'invalid' | 'expired' | 'id' | 'access';

export interface ManagementCall {
  method: string;
  path: string;
  /** Endpoint id (see ManagementEndpoint.id), or null for a path the tenant does not serve. */
  endpoint: string | null;
  status: number;
  tokenKind: TokenKind;
  /** Scopes of the Bearer access token; empty for ID tokens and rejected tokens. */
  scopes: string[];
  /** The `message` of an error answer; null on success. */
  message: string | null;
}

export type Grant =
  | 'implicit'
  | 'authorization_code'
  | 'refresh_token'
  | 'password'
  | 'password-realm'
  | 'passwordless-otp'
  | 'client_credentials';

export interface IssuedTokens {
  grant: Grant;
  clientId: string;
  sub: string;
  /** The access token's API audience; null when no access token was issued. */
  audience: string | null;
  /** Scopes granted to the access token (empty when none was issued); what its `scope` says. */
  scopes: string[];
  /** Scopes the request asked for that the tenant left out of the token. */
  dropped: string[];
  accessToken: boolean;
  /** `jwt` for an API audience, `opaque` for a /userinfo-only token. */
  accessTokenFormat: 'jwt' | 'opaque' | null;
  idToken: boolean;
  idTokenAlg: SigningAlgorithm | null;
  refreshToken: boolean;
  /** True when the request was `prompt=none` (checkSession, renewAuth, getTokenSilently). */
  silent: boolean;
}

export type TenantEvent =
  | { type: 'login'; userId: string; via: 'login-page' | 'classic-lock' | 'cross-origin' | 'legacy-embedded' }
  | { type: 'consent-shown' | 'consent-given' | 'consent-denied'; userId: string; clientId: string; audience: string; scopes: string[] }
  | { type: 'silent-auth-failed'; error: 'login_required' | 'consent_required'; clientId: string }
  | { type: 'scopes-ignored'; clientId: string; audience: string; scopes: string[] }
  | { type: 'passwordless-code'; email: string; code: string }
  | { type: 'login-refused'; endpoint: string; status: number; error: string };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown> | string,
  ) {
    super(typeof body === 'string' ? body : String(body.message ?? body.error_description ?? body.error));
  }
}

/** A Management API answer in the shape the real API gives (hapi/Boom). */
function managementError(status: number, error: string, message: string, extra: Record<string, unknown> = {}): HttpError {
  return new HttpError(status, { statusCode: status, error, message, ...extra });
}

function oauthError(status: number, error: string, description: string): HttpError {
  return new HttpError(status, { error, error_description: description });
}

/** An /authorize failure that is answered to the application through the response mode. */
class AuthorizeError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

interface Principal {
  kind: 'id' | 'access';
  sub: string;
  /** The client the token was issued to: `aud` of an ID token, `azp` of an access token. */
  clientId: string;
  scopes: string[];
}

interface AuthorizeRequest {
  client: ClientConfig;
  redirectUri: string;
  responseTypes: Set<string>;
  responseMode: 'fragment' | 'query' | 'form_post' | 'web_message';
  requested: string[];
  /** The resolved audience; USERINFO_AUDIENCE when none was asked for. */
  audience: string;
  state: string | null;
  nonce: string | null;
  prompt: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  /**
   * A legacy (non-OIDC-conformant) login: Lock 10 without `oidcConformant` and auth0.js 8
   * `redirect.loginWithCredentials`. Its `response_type=token` also returns an ID token.
   */
  legacy?: boolean;
  /** The `iss` of the tokens: the tenant, or the custom domain the request came through. */
  issuer: string;
}

interface AuthorizationCode {
  request: AuthorizeRequest;
  userId: string;
  expires: number;
}

interface RefreshToken {
  clientId: string;
  userId: string;
  audience: string;
  scopes: string[];
}

interface LoginTicket {
  userId: string;
  clientId: string;
  coId: string;
  coVerifier: string;
  expires: number;
  /** The login a legacy /usernamepassword/login call started (no /authorize transaction). */
  legacyRequest?: AuthorizeRequest;
}

function splitScope(scope: unknown): string[] {
  return typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : [];
}

function audienceList(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return cookies;
}

/** Cookies the tenant sets for itself: sent to it from any site, as Auth0's are. */
function sessionCookie(name: string, value: string, maxAge?: number): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; Secure; HttpOnly; SameSite=None${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > 1_000_000) throw oauthError(413, 'invalid_request', 'Payload too large');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Falls through to the uniform "invalid body" answer below.
  }
  throw managementError(400, 'Bad Request', 'Request body must be a JSON object', { errorCode: 'invalid_body' });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  if (typeof body === 'string') {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body);
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(html);
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(302, { Location: location, ...headers }).end();
}

export class Tenant {
  allowIdTokensForManagementApi: boolean;
  readonly managementLog: ManagementCall[] = [];
  readonly issued: IssuedTokens[] = [];
  readonly events: TenantEvent[] = [];

  private readonly key = new SigningKey();
  private readonly clients: readonly ClientConfig[];
  private readonly clientGrants: readonly ClientGrant[];
  private readonly otherApis: readonly string[];
  private readonly skipConsentForFirstParty: boolean;
  /** Universal Login's page; tests may switch it between scenarios. */
  loginPage: 'form' | 'classic-lock';
  private readonly defaultLoginPage: 'form' | 'classic-lock';
  private readonly lockBundle: string | undefined;
  private readonly cdnFiles: Readonly<Record<string, string>>;
  private readonly customIssuer: string | undefined;
  private readonly users = new Map<string, TenantUser>();
  private readonly deviceCredentials = new Map<string, { id: string; user_id: string; device_name: string }>();
  /** Session id (the `auth0` cookie) → user id. */
  private readonly sessions = new Map<string, string>();
  /** User grants: `${userId} ${clientId} ${audience}` → consented scopes. */
  private readonly consents = new Map<string, Set<string>>();
  private readonly transactions = new Map<string, AuthorizeRequest>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  /** Opaque /userinfo access tokens → the claims they stand for. */
  private readonly opaqueTokens = new Map<string, { sub: string; scopes: string[]; exp: number }>();
  private readonly loginTickets = new Map<string, LoginTicket>();
  private readonly passwordlessCodes = new Map<string, string>();
  /** Transaction → login ticket waiting for the fallback page's verifier. */
  private readonly pendingTickets = new Map<string, string>();
  private clockOffsetSeconds = 0;
  private server: Server | undefined;

  private constructor(options: TenantOptions) {
    this.clients = options.clients;
    this.clientGrants = options.clientGrants ?? [];
    this.otherApis = options.otherApis ?? [];
    this.skipConsentForFirstParty = options.skipConsentForFirstParty ?? true;
    this.defaultLoginPage = options.loginPage ?? 'form';
    this.loginPage = this.defaultLoginPage;
    this.lockBundle = options.lockBundle;
    this.cdnFiles = options.cdnFiles ?? {};
    this.customIssuer = options.customDomain ? `https://${options.customDomain}/` : undefined;
    for (const client of this.clients) {
      if (client.signingAlgorithm === 'HS256' && !client.clientSecret) {
        throw new Error(`HS256 client ${client.clientId} needs a clientSecret to sign with`);
      }
    }
    this.allowIdTokensForManagementApi = options.allowIdTokensForManagementApi;
    this.reset(options.users);
  }

  /** Starts the tenant on 127.0.0.1 with a fresh certificate for TENANT_HOST. */
  static async start(options: TenantOptions): Promise<Tenant> {
    const tenant = new Tenant(options);
    const server = createServer(createSelfSignedCertificate(TENANT_HOST), (req, res) => {
      tenant.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: 'server_error', message: String(err) });
        else res.destroy();
      });
    });
    tenant.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return tenant;
  }

  get port(): number {
    if (!this.server) throw new Error('tenant not started');
    return (this.server.address() as AddressInfo).port;
  }

  /**
   * Replaces the user store and forgets sessions, consents, tokens, the clock offset and the logs,
   * so each scenario starts from the same state.
   */
  reset(users: readonly UserSeed[]): void {
    this.users.clear();
    this.deviceCredentials.clear();
    this.sessions.clear();
    this.consents.clear();
    this.transactions.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.opaqueTokens.clear();
    this.loginTickets.clear();
    this.passwordlessCodes.clear();
    this.pendingTickets.clear();
    this.managementLog.length = 0;
    this.issued.length = 0;
    this.events.length = 0;
    this.clockOffsetSeconds = 0;
    this.loginPage = this.defaultLoginPage;
    for (const seed of users) {
      this.users.set(seed.user_id, {
        ...seed,
        connection: DATABASE_CONNECTION,
        user_metadata: {},
        app_metadata: {},
        identities: [this.databaseIdentity(seed.user_id)],
      });
    }
  }

  /**
   * Moves the tenant's clock forward: tokens it issued earlier expire as they would after that
   * time (access tokens before ID tokens), sessions and consents stay. Tokens issued afterwards
   * carry the browser's real `iat`, so client libraries accept them.
   */
  advanceClock(seconds: number): void {
    this.clockOffsetSeconds += seconds;
  }

  user(userId: string): TenantUser | undefined {
    return this.users.get(userId);
  }

  /** The code the last /passwordless/start sent to this address (the user's inbox). */
  passwordlessCode(email: string): string | undefined {
    return this.passwordlessCodes.get(email);
  }

  /** Whether the user has consented to the client's use of these scopes of the audience. */
  hasConsent(userId: string, clientId: string, audience: string, scopes: readonly string[]): boolean {
    const granted = this.consents.get(`${userId} ${clientId} ${audience}`);
    return granted !== undefined && scopes.every((s) => granted.has(s));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private now(): number {
    return Math.floor(Date.now() / 1000) + this.clockOffsetSeconds;
  }

  private databaseIdentity(userId: string): Identity {
    const [provider, ...rest] = userId.split('|');
    return { connection: DATABASE_CONNECTION, provider, user_id: rest.join('|'), isSocial: false };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', ISSUER);
    const method = (req.method ?? 'GET').toUpperCase();
    if (!this.applyCors(req, res, url.pathname)) return;
    if (method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname.startsWith('/api/v2/')) {
      await this.handleManagement(req, res, method, url.pathname, url.searchParams);
      return;
    }
    try {
      await this.route(req, res, method, url);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      sendJson(res, err.status, err.body);
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
    const path = url.pathname;
    const clientScript = /^\/client\/([^/]+)\.js$/.exec(path);
    if (method === 'GET' && path === '/.well-known/jwks.json') {
      sendJson(res, 200, this.key.jwks());
    } else if (method === 'GET' && path === '/authorize') {
      this.handleAuthorize(req, res, url.searchParams);
    } else if (method === 'GET' && path === '/u/login') {
      this.showLogin(res, url.searchParams.get('state') ?? '');
    } else if (method === 'POST' && path === '/u/login') {
      this.submitLogin(res, await readBody(req));
    } else if (method === 'GET' && path === '/u/consent') {
      this.showConsent(req, res, url.searchParams.get('state') ?? '');
    } else if (method === 'POST' && path === '/u/consent') {
      this.submitConsent(req, res, await readBody(req));
    } else if (method === 'POST' && path === '/oauth/token') {
      sendJson(res, 200, this.handleToken(await readBody(req)));
    } else if (method === 'GET' && path === '/userinfo') {
      sendJson(res, 200, this.handleUserinfo(req));
    } else if (method === 'POST' && path === '/co/authenticate') {
      const body = await readBody(req);
      try {
        this.handleCrossOriginAuthenticate(req, res, body);
      } catch (err) {
        if (err instanceof HttpError) {
          const error = typeof err.body === 'string' ? err.body : String(err.body.error);
          this.events.push({ type: 'login-refused', endpoint: path, status: err.status, error });
        }
        throw err;
      }
    } else if (method === 'POST' && path === '/co/verify') {
      this.handleCrossOriginVerify(res, await readBody(req));
    } else if (method === 'POST' && path === '/usernamepassword/login') {
      this.handleUsernamePasswordLogin(res, await readBody(req));
    } else if (method === 'POST' && path === '/login/callback') {
      this.handleLoginCallback(res, await readBody(req));
    } else if (method === 'POST' && path === '/passwordless/start') {
      sendJson(res, 200, this.handlePasswordlessStart(req, await readBody(req)));
    } else if ((method === 'GET' || method === 'POST') && path === '/tokeninfo') {
      const body = method === 'POST' ? await readBody(req) : {};
      sendJson(res, 200, this.handleTokenInfo(String(body.id_token ?? url.searchParams.get('id_token') ?? '')));
    } else if (method === 'GET' && path === '/user/ssodata') {
      sendJson(res, 200, { sso: false });
    } else if (method === 'POST' && (path === '/usernamepassword/challenge' || path === '/passwordless/challenge')) {
      sendJson(res, 200, { required: false });
    } else if (method === 'GET' && clientScript) {
      this.handleClientScript(res, decodeURIComponent(clientScript[1]));
    } else if (method === 'GET' && path === '/v2/logout') {
      this.handleLogout(req, res, url.searchParams);
    } else if (method === 'GET' && path === '/__emulator/lock.js' && this.lockBundle) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(readFileSync(this.lockBundle));
    } else if (method === 'GET' && path in this.cdnFiles) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(readFileSync(this.cdnFiles[path]));
    } else {
      sendJson(res, 404, { error: 'not_found', error_description: `${method} ${path}` });
    }
  }

  private allowedBrowserOrigins(): Set<string> {
    return new Set(this.clients.flatMap((c) => [...c.webOrigins, ...(c.allowedOrigins ?? [])]));
  }

  /**
   * CORS as Auth0 does it: browsers may call the tenant only from an application's Allowed Web
   * Origins or Allowed Origins (CORS) (auth0/docs-v2 main/docs/get-started/applications/set-up-cors.mdx).
   * Credentialed requests (auth0.js sends /co/authenticate with cookies) are allowed for those
   * origins. The JWKS is public. Returns false when a preflight was refused.
   */
  private applyCors(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    const origin = req.headers.origin;
    if (!origin) return true;
    const allowed = pathname === '/.well-known/jwks.json' || this.allowedBrowserOrigins().has(origin);
    if (!allowed) {
      if (req.method === 'OPTIONS') {
        res.writeHead(403).end();
        return false;
      }
      return true;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
      const requested = req.headers['access-control-request-headers'];
      if (requested) res.setHeader('Access-Control-Allow-Headers', requested);
      res.setHeader('Access-Control-Max-Age', '600');
    }
    return true;
  }

  private client(clientId: unknown): ClientConfig | undefined {
    return this.clients.find((c) => c.clientId === clientId);
  }

  private clientName(client: ClientConfig): string {
    return client.name ?? client.clientId;
  }

  private isApi(audience: string): boolean {
    return audience === MANAGEMENT_AUDIENCE || this.otherApis.includes(audience);
  }

  /** The audience a request asks for, resolved: no audience means a /userinfo-only token. */
  private resolveAudience(audience: string | null): string {
    if (audience === null || audience === '') return USERINFO_AUDIENCE;
    if (audience === USERINFO_AUDIENCE || this.isApi(audience)) return audience;
    throw oauthError(403, 'access_denied', `Service not found: ${audience}`);
  }

  /**
   * The scopes a token gets. OIDC scopes as asked. For the Management API, user-based grants get
   * only the current-user scopes (CURRENT_USER_SCOPES) and client_credentials only what its client
   * grant allows; everything else asked for is dropped, and the token's `scope` says what was
   * granted. A /userinfo-only token carries OIDC scopes alone.
   */
  private grantScopes(
    grant: Grant,
    client: ClientConfig,
    audience: string,
    requested: readonly string[],
    record = true,
  ): { granted: string[]; dropped: string[] } {
    const wanted = [...new Set(requested)];
    let allowed: (scope: string) => boolean;
    if (grant === 'client_credentials') {
      const clientGrant = this.clientGrants.find((g) => g.clientId === client.clientId && g.audience === audience);
      allowed = (s) => clientGrant?.scopes.includes(s) ?? false;
    } else if (audience === MANAGEMENT_AUDIENCE) {
      allowed = (s) => OIDC_SCOPES.includes(s) || s === 'offline_access' || CURRENT_USER_SCOPES.includes(s);
    } else if (audience === USERINFO_AUDIENCE) {
      allowed = (s) => OIDC_SCOPES.includes(s) || s === 'offline_access';
    } else {
      allowed = () => true;
    }
    const granted = wanted.filter(allowed);
    const dropped = wanted.filter((s) => !allowed(s));
    if (record && dropped.length > 0 && audience === MANAGEMENT_AUDIENCE) {
      this.events.push({ type: 'scopes-ignored', clientId: client.clientId, audience, scopes: dropped });
    }
    return { granted, dropped };
  }

  private signIdToken(client: ClientConfig, claims: JwtClaims): string {
    if ((client.signingAlgorithm ?? 'RS256') === 'HS256') return signHs256(claims, client.clientSecret ?? '');
    return this.key.sign(claims);
  }

  /**
   * Issues the tokens of one grant. With an API audience the access token is a JWT for that API
   * (and for /userinfo when `openid` was granted); without one it is an opaque string that only
   * /userinfo accepts (auth0/docs-v2 main/docs/secure/tokens/access-tokens.mdx).
   */
  private issue(
    grant: Grant,
    client: ClientConfig,
    subject: { user: TenantUser } | { clientSubject: string },
    options: {
      audience: string;
      requested: readonly string[];
      accessToken: boolean;
      idToken: boolean;
      nonce?: string;
      refreshToken?: boolean;
      silent?: boolean;
      issuer?: string;
      /** Scopes fixed by an earlier grant (refresh): no new filtering. */
      fixedScopes?: readonly string[];
    },
  ): { accessToken?: string; idToken?: string; refreshToken?: string; scopes: string[]; expiresIn: number } {
    const issuedAt = Math.floor(Date.now() / 1000);
    const base = this.now();
    const { granted: scopes, dropped } = options.fixedScopes
      ? { granted: [...options.fixedScopes], dropped: [] }
      : this.grantScopes(grant, client, options.audience, options.requested);
    const sub = 'user' in subject ? subject.user.user_id : subject.clientSubject;
    const iss = options.issuer ?? ISSUER;
    const expiresIn = grant === 'implicit' ? BROWSER_ACCESS_TOKEN_LIFETIME_SECONDS : ACCESS_TOKEN_LIFETIME_SECONDS;
    let accessToken: string | undefined;
    let format: IssuedTokens['accessTokenFormat'] = null;
    if (options.accessToken) {
      if (options.audience === USERINFO_AUDIENCE) {
        accessToken = randomBytes(24).toString('base64url');
        this.opaqueTokens.set(accessToken, { sub, scopes, exp: base + expiresIn });
        format = 'opaque';
      } else {
        const aud = scopes.includes('openid') ? [options.audience, USERINFO_AUDIENCE] : options.audience;
        const gty = { password: 'password', 'password-realm': 'password', client_credentials: 'client-credentials', refresh_token: 'refresh_token' } as const;
        accessToken = this.key.sign({
          iss,
          sub,
          aud,
          iat: issuedAt,
          exp: base + expiresIn,
          azp: client.clientId,
          scope: scopes.join(' '),
          ...(grant in gty ? { gty: gty[grant as keyof typeof gty] } : {}),
        });
        format = 'jwt';
      }
    }
    let idToken: string | undefined;
    if (options.idToken && 'user' in subject) {
      const user = subject.user;
      const claims: JwtClaims = { iss, sub, aud: client.clientId, iat: issuedAt, exp: base + ID_TOKEN_LIFETIME_SECONDS };
      if (scopes.includes('profile')) Object.assign(claims, { name: user.name, nickname: user.nickname });
      if (scopes.includes('email')) Object.assign(claims, { email: user.email, email_verified: true });
      if (options.nonce) claims.nonce = options.nonce;
      if (accessToken && grant === 'implicit') claims.at_hash = accessTokenHash(accessToken);
      idToken = this.signIdToken(client, claims);
    }
    let refreshToken: string | undefined;
    if (options.refreshToken && scopes.includes('offline_access') && 'user' in subject) {
      refreshToken = randomId(32);
      this.refreshTokens.set(refreshToken, { clientId: client.clientId, userId: sub, audience: options.audience, scopes });
    }
    this.issued.push({
      grant,
      clientId: client.clientId,
      sub,
      audience: accessToken ? options.audience : null,
      scopes: accessToken ? scopes : [],
      dropped,
      accessToken: Boolean(accessToken),
      accessTokenFormat: format,
      idToken: Boolean(idToken),
      idTokenAlg: idToken ? (client.signingAlgorithm ?? 'RS256') : null,
      refreshToken: Boolean(refreshToken),
      silent: options.silent ?? false,
    });
    return { accessToken, idToken, refreshToken, scopes, expiresIn };
  }

  // ---- /authorize -------------------------------------------------------------------------

  /** Parses and checks an /authorize request; errors before the redirect URI is trusted are pages. */
  private parseAuthorize(query: URLSearchParams, res: ServerResponse, host: string): AuthorizeRequest | undefined {
    const client = this.client(query.get('client_id'));
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!client) {
      sendHtml(res, 400, errorPage('invalid_request', `Unknown client: ${query.get('client_id') ?? ''}`));
      return undefined;
    }
    if (!client.callbacks.includes(redirectUri)) {
      sendHtml(res, 400, errorPage('Callback URL mismatch', `The provided redirect_uri is not in the list of allowed callback URLs: ${redirectUri}`));
      return undefined;
    }
    const responseTypes = new Set(splitScope(query.get('response_type')));
    const code = responseTypes.has('code');
    const rawMode = query.get('response_mode') ?? (code ? 'query' : 'fragment');
    if (rawMode !== 'fragment' && rawMode !== 'query' && rawMode !== 'form_post' && rawMode !== 'web_message') {
      sendHtml(res, 400, errorPage('invalid_request', `Unsupported response_mode: ${rawMode}`));
      return undefined;
    }
    if (rawMode === 'web_message' && !client.webOrigins.includes(new URL(redirectUri).origin)) {
      // auth0.js then times out ("Timeout during executing web_message communication"); the
      // silent-authentication page tells to add the origin to Allowed Web Origins.
      sendHtml(res, 403, errorPage('Unauthorized', `The origin ${new URL(redirectUri).origin} is not in the application's Allowed Web Origins`));
      return undefined;
    }
    return {
      client,
      redirectUri,
      responseTypes,
      responseMode: rawMode,
      requested: splitScope(query.get('scope')),
      audience: USERINFO_AUDIENCE,
      state: query.get('state'),
      nonce: query.get('nonce'),
      prompt: query.get('prompt'),
      codeChallenge: query.get('code_challenge'),
      codeChallengeMethod: query.get('code_challenge_method'),
      issuer: this.customIssuer !== undefined && this.customIssuer === `https://${host}/` ? this.customIssuer : ISSUER,
    };
  }

  /** Checks that only an answer through the response mode can report; throws AuthorizeError. */
  private validateAuthorize(request: AuthorizeRequest, query: URLSearchParams): void {
    const types = request.responseTypes;
    const known = [...types].every((t) => t === 'code' || t === 'token' || t === 'id_token');
    if (types.size === 0 || !known || (types.has('code') && types.size > 1)) {
      throw new AuthorizeError('unsupported_response_type', `Unsupported response type: ${query.get('response_type') ?? ''}`);
    }
    if (!types.has('code') && request.responseMode === 'query') {
      throw new AuthorizeError('invalid_request', 'The response_mode query is not allowed for the implicit grant');
    }
    if (types.has('id_token') && !request.requested.includes('openid')) {
      throw new AuthorizeError('invalid_request', 'response_type id_token requires the openid scope');
    }
    if (types.has('id_token') && !request.nonce) {
      throw new AuthorizeError('invalid_request', 'Nonce is required for response_type id_token');
    }
    if (request.codeChallenge && request.codeChallengeMethod !== 'S256' && request.codeChallengeMethod !== 'plain') {
      throw new AuthorizeError('invalid_request', `Unsupported code_challenge_method: ${request.codeChallengeMethod ?? ''}`);
    }
    try {
      request.audience = this.resolveAudience(query.get('audience'));
    } catch (err) {
      if (err instanceof HttpError && typeof err.body !== 'string') {
        throw new AuthorizeError(String(err.body.error), String(err.body.error_description));
      }
      throw err;
    }
  }

  private handleAuthorize(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    const request = this.parseAuthorize(query, res, (req.headers.host ?? '').replace(/:\d+$/, ''));
    if (!request) return;
    try {
      this.validateAuthorize(request, query);
    } catch (err) {
      if (!(err instanceof AuthorizeError)) throw err;
      this.respond(res, request, { error: err.error, error_description: err.description });
      return;
    }
    const ticket = query.get('login_ticket');
    if (ticket !== null) {
      this.redeemLoginTicket(req, res, request, ticket);
      return;
    }
    const userId = this.sessionUser(req);
    if (request.prompt === 'none') {
      this.continueSilently(res, request, userId);
      return;
    }
    const transaction = randomId();
    this.transactions.set(transaction, request);
    if (userId !== undefined && request.prompt !== 'login') {
      this.afterLogin(res, transaction, userId);
    } else if (this.loginPage === 'classic-lock') {
      if (!this.lockBundle) throw new Error('the classic Lock login page needs TenantOptions.lockBundle');
      this.showClassicLock(res, transaction, request);
    } else {
      redirect(res, `/u/login?state=${encodeURIComponent(transaction)}`);
    }
  }

  private sessionUser(req: IncomingMessage): string | undefined {
    const sid = parseCookies(req.headers.cookie).get('auth0');
    const userId = sid === undefined ? undefined : this.sessions.get(sid);
    return userId !== undefined && this.users.has(userId) ? userId : undefined;
  }

  private startSession(userId: string): string {
    const sid = randomId();
    this.sessions.set(sid, userId);
    return sessionCookie('auth0', sid);
  }

  /**
   * `prompt=none`: no page may be shown, so a missing session is `login_required` and a missing
   * consent `consent_required` (auth0/docs-v2 main/docs/authenticate/login/configure-silent-authentication.mdx).
   */
  private continueSilently(res: ServerResponse, request: AuthorizeRequest, userId: string | undefined): void {
    if (userId === undefined) {
      this.events.push({ type: 'silent-auth-failed', error: 'login_required', clientId: request.client.clientId });
      this.respond(res, request, { error: 'login_required', error_description: 'Login required' });
      return;
    }
    if (this.consentNeeded(request, userId).length > 0) {
      this.events.push({ type: 'silent-auth-failed', error: 'consent_required', clientId: request.client.clientId });
      this.respond(res, request, { error: 'consent_required', error_description: 'Consent required' });
      return;
    }
    this.complete(res, request, userId, true);
  }

  /**
   * The API scopes the user still has to consent to; empty when no consent is needed. Consent is
   * asked for an API audience only. A first-party client skips it when the API allows skipping,
   * except on a localhost / 127.0.0.1 redirect URI, where consent can never be skipped (auth0.js
   * web-message-handler: "Consent Required. Consent can't be skipped on localhost."). A given
   * consent is remembered per user, client, audience and scopes.
   */
  private consentNeeded(request: AuthorizeRequest, userId: string): string[] {
    if (!this.isApi(request.audience)) return [];
    const { granted } = this.grantScopes('implicit', request.client, request.audience, request.requested, false);
    const apiScopes = granted.filter((s) => !OIDC_SCOPES.includes(s) && s !== 'offline_access');
    const loopback = LOOPBACK_HOSTS.has(new URL(request.redirectUri).hostname);
    const firstParty = request.client.firstParty ?? true;
    if (firstParty && this.skipConsentForFirstParty && !loopback) return [];
    if (request.prompt !== 'consent' && this.hasConsent(userId, request.client.clientId, request.audience, apiScopes)) return [];
    return apiScopes.length > 0 ? apiScopes : ['(access to the API)'];
  }

  private afterLogin(res: ServerResponse, transaction: string, userId: string, cookie?: string): void {
    const request = this.transactions.get(transaction);
    if (!request) {
      sendHtml(res, 400, errorPage('invalid_request', 'The login transaction has expired'));
      return;
    }
    const headers: Record<string, string> = cookie ? { 'Set-Cookie': cookie } : {};
    const scopes = this.consentNeeded(request, userId);
    if (scopes.length > 0) {
      redirect(res, `/u/consent?state=${encodeURIComponent(transaction)}`, headers);
      return;
    }
    this.transactions.delete(transaction);
    this.complete(res, request, userId, false, headers);
  }

  private showLogin(res: ServerResponse, transaction: string, error?: string): void {
    const request = this.transactions.get(transaction);
    if (!request) {
      sendHtml(res, 400, errorPage('invalid_request', 'The login transaction has expired'));
      return;
    }
    sendHtml(res, error ? 400 : 200, loginPage(transaction, this.clientName(request.client), error));
  }

  private findDatabaseUser(username: unknown, password: unknown, connection: string): TenantUser | undefined {
    return [...this.users.values()].find((u) => u.email === username && u.password === password && u.connection === connection);
  }

  private submitLogin(res: ServerResponse, body: Record<string, unknown>): void {
    const transaction = String(body.state ?? '');
    const user = this.findDatabaseUser(body.username, body.password, DATABASE_CONNECTION);
    if (!user) {
      this.showLogin(res, transaction, 'Wrong email or password');
      return;
    }
    this.events.push({ type: 'login', userId: user.user_id, via: 'login-page' });
    this.afterLogin(res, transaction, user.user_id, this.startSession(user.user_id));
  }

  private showConsent(req: IncomingMessage, res: ServerResponse, transaction: string): void {
    const request = this.transactions.get(transaction);
    const userId = this.sessionUser(req);
    if (!request || userId === undefined) {
      sendHtml(res, 400, errorPage('invalid_request', 'The consent transaction has expired'));
      return;
    }
    const scopes = this.consentNeeded(request, userId);
    this.events.push({ type: 'consent-shown', userId, clientId: request.client.clientId, audience: request.audience, scopes });
    sendHtml(res, 200, consentPage(transaction, this.clientName(request.client), request.audience, scopes));
  }

  private submitConsent(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): void {
    const transaction = String(body.state ?? '');
    const request = this.transactions.get(transaction);
    const userId = this.sessionUser(req);
    if (!request || userId === undefined) {
      sendHtml(res, 400, errorPage('invalid_request', 'The consent transaction has expired'));
      return;
    }
    this.transactions.delete(transaction);
    const scopes = this.consentNeeded(request, userId);
    const event = { userId, clientId: request.client.clientId, audience: request.audience, scopes };
    if (body.action !== 'accept') {
      this.events.push({ type: 'consent-denied', ...event });
      this.respond(res, request, { error: 'access_denied', error_description: 'User did not authorize the request' });
      return;
    }
    this.events.push({ type: 'consent-given', ...event });
    const key = `${userId} ${request.client.clientId} ${request.audience}`;
    this.consents.set(key, new Set([...(this.consents.get(key) ?? []), ...scopes]));
    this.complete(res, request, userId, false);
  }

  /** Issues the requested response: an authorization code, or implicit tokens. */
  private complete(res: ServerResponse, request: AuthorizeRequest, userId: string, silent: boolean, headers: Record<string, string> = {}): void {
    const user = this.users.get(userId);
    if (!user) {
      this.respond(res, request, { error: 'access_denied', error_description: 'The user does not exist' }, headers);
      return;
    }
    if (request.responseTypes.has('code')) {
      const code = randomId();
      this.codes.set(code, { request, userId, expires: this.now() + 60 });
      this.respond(res, request, { code }, headers);
      return;
    }
    const tokens = this.issue('implicit', request.client, { user }, {
      audience: request.audience,
      requested: request.requested,
      accessToken: request.responseTypes.has('token'),
      idToken: request.responseTypes.has('id_token') || (request.legacy === true && request.requested.includes('openid')),
      nonce: request.nonce ?? undefined,
      silent,
      issuer: request.issuer,
    });
    const params: Record<string, string> = {};
    if (tokens.accessToken) {
      Object.assign(params, {
        access_token: tokens.accessToken,
        scope: tokens.scopes.join(' '),
        expires_in: String(tokens.expiresIn),
        token_type: 'Bearer',
      });
    }
    if (tokens.idToken) params.id_token = tokens.idToken;
    this.respond(res, request, params, headers);
  }

  /** Answers the application through the request's response mode. */
  private respond(res: ServerResponse, request: AuthorizeRequest, params: Record<string, string>, headers: Record<string, string> = {}): void {
    const all = request.state === null ? params : { ...params, state: request.state };
    switch (request.responseMode) {
      case 'form_post':
        sendHtml(res, 200, formPostPage(request.redirectUri, all), headers);
        return;
      case 'web_message':
        sendHtml(res, 200, webMessagePage(new URL(request.redirectUri).origin, all), headers);
        return;
      case 'query': {
        const url = new URL(request.redirectUri);
        for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
        redirect(res, url.toString(), headers);
        return;
      }
      case 'fragment': {
        const encoded = Object.entries(all)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
          .join('&');
        redirect(res, `${request.redirectUri}#${encoded}`, headers);
        return;
      }
    }
  }

  // ---- embedded login -----------------------------------------------------------------------

  /**
   * Cross-origin authentication: an embedded login form (Lock 11, auth0.js `login`) posts the
   * credentials here, then navigates to /authorize?login_ticket=…. Errors and texts from
   * auth0/docs-v2 main/docs/get-started/applications/set-up-cors.mdx ("Error codes and descriptions").
   */
  private handleCrossOriginAuthenticate(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): void {
    const origin = req.headers.origin ?? '';
    const client = this.client(body.client_id);
    if (!client) throw oauthError(400, 'invalid_request', 'Unknown client');
    const allowedOrigins = [...(client.allowedOrigins ?? []), ...client.webOrigins];
    if (!allowedOrigins.includes(origin)) throw new HttpError(403, `Origin ${origin} is not allowed.`);
    if (!client.crossOriginAuthentication) throw oauthError(401, 'unauthorized_client', 'Cross origin login not allowed.');
    let user: TenantUser | undefined;
    if (body.credential_type === PASSWORDLESS_OTP_GRANT) {
      if (body.realm !== PASSWORDLESS_CONNECTION) throw oauthError(400, 'invalid_request', `Unknown realm ${String(body.realm)}.`);
      const code = typeof body.username === 'string' ? this.passwordlessCodes.get(body.username) : undefined;
      if (code === undefined || code !== body.otp) throw oauthError(403, 'access_denied', 'Wrong email or verification code.');
      this.passwordlessCodes.delete(String(body.username));
      user = this.passwordlessUser(String(body.username));
    } else if (body.credential_type === PASSWORD_REALM_GRANT || body.credential_type === 'password') {
      const realm = body.credential_type === 'password' ? DATABASE_CONNECTION : body.realm;
      if (realm !== DATABASE_CONNECTION) throw oauthError(400, 'invalid_request', `Unknown realm ${String(realm)}.`);
      user = this.findDatabaseUser(body.username, body.password, DATABASE_CONNECTION);
      if (!user) throw oauthError(403, 'access_denied', 'Wrong email or password.');
    } else {
      throw oauthError(400, 'unsupported_credential_type', 'Unknown credential type parameter.');
    }
    const ticket = randomId();
    const coId = randomId(9);
    const coVerifier = randomId();
    this.loginTickets.set(ticket, { userId: user.user_id, clientId: client.clientId, coId, coVerifier, expires: this.now() + 300 });
    // The verifier travels back twice: in a cookie of the tenant (a third-party cookie from the
    // application's page) and in the body, which auth0.js keeps for the fallback page.
    res.setHeader('Set-Cookie', sessionCookie(`co_verifier_${coId}`, coVerifier, 900));
    sendJson(res, 200, { login_ticket: ticket, co_verifier: coVerifier, co_id: coId });
  }

  private redeemLoginTicket(req: IncomingMessage, res: ServerResponse, request: AuthorizeRequest, ticketId: string): void {
    const ticket = this.loginTickets.get(ticketId);
    if (!ticket || ticket.expires < this.now() || ticket.clientId !== request.client.clientId) {
      this.respond(res, request, { error: 'access_denied', error_description: 'Invalid login ticket' });
      return;
    }
    const transaction = randomId();
    this.transactions.set(transaction, request);
    const cookie = parseCookies(req.headers.cookie).get(`co_verifier_${ticket.coId}`);
    if (cookie === ticket.coVerifier) {
      this.finishTicket(res, transaction, ticketId);
      return;
    }
    if (!request.client.crossOriginLoc) {
      this.transactions.delete(transaction);
      this.respond(res, request, { error: 'access_denied', error_description: 'Unable to configure verification page.' });
      return;
    }
    this.pendingTickets.set(transaction, ticketId);
    sendHtml(res, 200, crossOriginVerificationPage(request.client.crossOriginLoc, TENANT_ORIGIN, ticket.coId, transaction));
  }

  private handleCrossOriginVerify(res: ServerResponse, body: Record<string, unknown>): void {
    const transaction = String(body.state ?? '');
    const ticketId = this.pendingTickets.get(transaction);
    this.pendingTickets.delete(transaction);
    const ticket = ticketId === undefined ? undefined : this.loginTickets.get(ticketId);
    const request = this.transactions.get(transaction);
    if (!ticket || !request || ticketId === undefined) {
      sendHtml(res, 400, errorPage('invalid_request', 'The login transaction has expired'));
      return;
    }
    if (body.verifier !== ticket.coVerifier) {
      this.transactions.delete(transaction);
      this.respond(res, request, { error: 'access_denied', error_description: 'Unable to configure verification page.' });
      return;
    }
    this.finishTicket(res, transaction, ticketId);
  }

  private finishTicket(res: ServerResponse, transaction: string, ticketId: string): void {
    const ticket = this.loginTickets.get(ticketId);
    this.loginTickets.delete(ticketId);
    if (!ticket) return;
    this.events.push({ type: 'login', userId: ticket.userId, via: 'cross-origin' });
    this.afterLogin(res, transaction, ticket.userId, this.startSession(ticket.userId));
  }

  private showClassicLock(res: ServerResponse, transaction: string, request: AuthorizeRequest): void {
    const internalOptions: Record<string, string> = {
      response_type: [...request.responseTypes].join(' '),
      response_mode: request.responseMode,
      scope: request.requested.join(' '),
      state: transaction,
      ...(request.nonce ? { nonce: request.nonce } : {}),
      ...(request.audience !== USERINFO_AUDIENCE ? { audience: request.audience } : {}),
    };
    sendHtml(
      res,
      200,
      classicLockPage({
        clientID: request.client.clientId,
        auth0Domain: TENANT_HOST,
        auth0Tenant: TENANT_HOST.split('.')[0],
        callbackURL: request.redirectUri,
        clientConfigurationBaseUrl: `${TENANT_ORIGIN}/`,
        issuer: ISSUER,
        internalOptions,
      }),
    );
  }

  /**
   * Classic Universal Login: Lock on the tenant's own page posts the credentials here and gets a
   * form back that auth0.js submits to /login/callback (auth0.js src/web-auth/username-password.js).
   */
  private handleUsernamePasswordLogin(res: ServerResponse, body: Record<string, unknown>): void {
    const client = this.client(body.client_id);
    if (!client) throw oauthError(400, 'invalid_request', 'Unknown client');
    if (body.connection !== DATABASE_CONNECTION) throw oauthError(400, 'invalid_request', `Unknown connection ${String(body.connection)}.`);
    const user = this.findDatabaseUser(body.username, body.password, DATABASE_CONNECTION);
    if (!user) throw new HttpError(401, { name: 'ValidationError', code: 'invalid_user_password', description: 'Wrong email or password.', statusCode: 401 });
    const transaction = String(body.state ?? '');
    const legacyRequest = this.transactions.has(transaction) ? undefined : this.legacyLoginRequest(client, body);
    const ticket = randomId();
    this.loginTickets.set(ticket, { userId: user.user_id, clientId: client.clientId, coId: '', coVerifier: '', expires: this.now() + 300, legacyRequest });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(loginCallbackForm(TENANT_ORIGIN, ticket, JSON.stringify({ state: body.state })));
  }

  /**
   * An embedded legacy login (Lock 10 without oidcConformant, auth0.js 8 loginWithCredentials)
   * posts the /authorize parameters along with the credentials; there is no /authorize call.
   */
  private legacyLoginRequest(client: ClientConfig, body: Record<string, unknown>): AuthorizeRequest {
    const redirectUri = String(body.redirect_uri ?? '');
    if (!client.callbacks.includes(redirectUri)) throw oauthError(400, 'invalid_request', `Callback URL mismatch: ${redirectUri}`);
    const mode = body.response_mode === 'form_post' || body.response_mode === 'query' ? body.response_mode : 'fragment';
    return {
      client,
      redirectUri,
      responseTypes: new Set(splitScope(body.response_type ?? 'token')),
      responseMode: mode,
      requested: splitScope(body.scope ?? 'openid'),
      audience: this.resolveAudience(typeof body.audience === 'string' ? body.audience : null),
      state: typeof body.state === 'string' ? body.state : null,
      nonce: typeof body.nonce === 'string' ? body.nonce : null,
      prompt: null,
      codeChallenge: null,
      codeChallengeMethod: null,
      legacy: true,
      issuer: ISSUER,
    };
  }

  private handleLoginCallback(res: ServerResponse, body: Record<string, unknown>): void {
    const ticketId = String(body.wresult ?? '');
    const ticket = this.loginTickets.get(ticketId);
    let transaction = '';
    try {
      const context: unknown = JSON.parse(String(body.wctx ?? '{}'));
      if (typeof context === 'object' && context !== null && 'state' in context) transaction = String(context.state);
    } catch {
      transaction = '';
    }
    if (ticket?.legacyRequest) {
      transaction = randomId();
      this.transactions.set(transaction, ticket.legacyRequest);
    }
    if (!ticket || !this.transactions.has(transaction)) {
      sendHtml(res, 400, errorPage('invalid_request', 'The login transaction has expired'));
      return;
    }
    this.loginTickets.delete(ticketId);
    this.events.push({ type: 'login', userId: ticket.userId, via: ticket.legacyRequest ? 'legacy-embedded' : 'classic-lock' });
    this.afterLogin(res, transaction, ticket.userId, this.startSession(ticket.userId));
  }

  /**
   * Legacy /tokeninfo: the profile of the user an ID token stands for. Lock 10 `getProfile(idToken)`
   * and auth0.js 7 `getProfile` call it (auth0/lock v10 src/core/web_api/legacy_api.js); it is
   * gone for OIDC-conformant apps, whose `getProfile`/`getUserInfo` take an access token.
   */
  private handleTokenInfo(idToken: string): Record<string, unknown> {
    const claims = this.verifyJwt(idToken);
    if (!claims || !this.isIdToken(claims) || this.expired(claims)) throw new HttpError(401, 'Unauthorized');
    const user = this.users.get(String(claims.sub));
    if (!user) throw new HttpError(401, 'Unauthorized');
    return { ...this.publicUser(user), sub: user.user_id };
  }

  /** /passwordless/start: "sends" a one-time code (the test reads it with passwordlessCode). */
  private handlePasswordlessStart(req: IncomingMessage, body: Record<string, unknown>): Record<string, unknown> {
    const client = this.client(body.client_id);
    if (!client) throw oauthError(400, 'bad.client_id', 'Missing required property: client_id');
    if (body.connection !== PASSWORDLESS_CONNECTION) throw oauthError(400, 'bad.connection', `Connection does not exist: ${String(body.connection)}`);
    if (typeof body.email !== 'string' || !body.email.includes('@')) throw oauthError(400, 'bad.email', 'Invalid email address');
    if (body.send !== 'code') throw oauthError(400, 'bad.send', 'Only verification codes are sent by this tenant');
    const origin = req.headers.origin;
    if (origin !== undefined && !client.webOrigins.includes(origin) && !(client.allowedOrigins ?? []).includes(origin)) {
      throw new HttpError(403, `Origin ${origin} is not allowed.`);
    }
    const code = String(100000 + (randomBytes(4).readUInt32BE() % 900000));
    this.passwordlessCodes.set(body.email, code);
    this.events.push({ type: 'passwordless-code', email: body.email, code });
    const user = this.passwordlessUser(body.email);
    return { _id: user.user_id.split('|')[1], email: body.email, email_verified: false };
  }

  private passwordlessUser(email: string): TenantUser {
    const existing = [...this.users.values()].find((u) => u.connection === PASSWORDLESS_CONNECTION && u.email === email);
    if (existing) return existing;
    const id = createHash('sha256').update(email).digest('hex').slice(0, 24);
    const user: TenantUser = {
      user_id: `email|${id}`,
      email,
      password: '',
      name: email,
      nickname: email.split('@')[0],
      connection: PASSWORDLESS_CONNECTION,
      user_metadata: {},
      app_metadata: {},
      identities: [{ connection: PASSWORDLESS_CONNECTION, provider: 'email', user_id: id, isSocial: false }],
    };
    this.users.set(user.user_id, user);
    return user;
  }

  /**
   * Lock 11 reads the client's connections from `{clientBaseUrl}/client/{clientID}.js` (default
   * `https://{domain}`), a JSONP script calling `Auth0.setClient` (auth0/lock src/core/client/settings.js).
   */
  private handleClientScript(res: ServerResponse, clientId: string): void {
    const client = this.client(clientId);
    if (!client) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const settings = {
      id: client.clientId,
      tenant: TENANT_HOST.split('.')[0],
      subscription: 'free',
      authorize: `${TENANT_ORIGIN}/authorize`,
      callback: client.callbacks[0] ?? '',
      hasAllowedOrigins: (client.allowedOrigins ?? []).length > 0,
      strategies: [
        { name: 'auth0', connections: [{ name: DATABASE_CONNECTION, showSignup: false, showForgot: false, passwordPolicy: 'none' }] },
        { name: 'email', connections: [{ name: PASSWORDLESS_CONNECTION }] },
      ],
    };
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`Auth0.setClient(${JSON.stringify(settings)});`);
  }

  private handleLogout(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    const sid = parseCookies(req.headers.cookie).get('auth0');
    if (sid !== undefined) this.sessions.delete(sid);
    const returnTo = query.get('returnTo');
    const allowed = returnTo !== null && this.clients.some((c) => c.callbacks.includes(returnTo) || c.webOrigins.some((o) => returnTo.startsWith(o)));
    const clear = sessionCookie('auth0', '', 0);
    if (allowed) redirect(res, returnTo, { 'Set-Cookie': clear });
    else sendHtml(res, 200, errorPage('Logged out', 'You are logged out.'), { 'Set-Cookie': clear });
  }

  // ---- /oauth/token --------------------------------------------------------------------------

  private handleToken(body: Record<string, unknown>): Record<string, unknown> {
    const client = this.client(body.client_id);
    if (!client) throw oauthError(401, 'access_denied', 'Unauthorized');
    const isPublic = client.public ?? client.clientSecret === undefined;
    if (!isPublic && body.client_secret !== client.clientSecret) throw oauthError(401, 'access_denied', 'Unauthorized');
    switch (body.grant_type) {
      case 'password':
      case PASSWORD_REALM_GRANT:
        return this.passwordGrant(client, body);
      case 'client_credentials':
        if (isPublic) throw oauthError(403, 'unauthorized_client', "Grant type 'client_credentials' not allowed for the client.");
        return this.clientCredentialsGrant(client, body);
      case 'authorization_code':
        return this.authorizationCodeGrant(client, body, isPublic);
      case 'refresh_token':
        return this.refreshTokenGrant(client, body);
      default:
        throw oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${String(body.grant_type)}`);
    }
  }

  private tokenResponse(tokens: ReturnType<Tenant['issue']>): Record<string, unknown> {
    return {
      access_token: tokens.accessToken,
      ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
      ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
      scope: tokens.scopes.join(' '),
      expires_in: tokens.expiresIn,
      token_type: 'Bearer',
    };
  }

  /**
   * Resource owner password (and password-realm) grant: a user-based grant, so Management scopes
   * beyond the current-user ones are dropped. No consent is involved (user-consent page,
   * "Password-based flows"). A client with a secret must send it.
   */
  private passwordGrant(client: ClientConfig, body: Record<string, unknown>): Record<string, unknown> {
    let grant: Grant = 'password';
    let connection = DATABASE_CONNECTION;
    if (body.grant_type === PASSWORD_REALM_GRANT) {
      grant = 'password-realm';
      if (typeof body.realm !== 'string') throw oauthError(400, 'invalid_request', 'Missing required parameter: realm');
      connection = body.realm;
    }
    const user = this.findDatabaseUser(body.username, body.password, connection);
    if (!user) throw oauthError(403, 'invalid_grant', 'Wrong email or password.');
    const audience = this.resolveAudience(typeof body.audience === 'string' ? body.audience : null);
    const requested = splitScope(body.scope);
    return this.tokenResponse(
      this.issue(grant, client, { user }, { audience, requested, accessToken: true, idToken: requested.includes('openid'), refreshToken: true }),
    );
  }

  /**
   * Machine-to-machine: the client needs a client grant for the audience, and gets the scopes it
   * allows (all of them when none are asked for).
   */
  private clientCredentialsGrant(client: ClientConfig, body: Record<string, unknown>): Record<string, unknown> {
    if (typeof body.audience !== 'string' || body.audience === '') {
      throw oauthError(403, 'access_denied', 'No audience parameter was provided, and no default audience has been configured');
    }
    const audience = this.resolveAudience(body.audience);
    const clientGrant = this.clientGrants.find((g) => g.clientId === client.clientId && g.audience === audience);
    if (!clientGrant) {
      throw oauthError(403, 'access_denied', `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`);
    }
    const requested = body.scope === undefined ? [...clientGrant.scopes] : splitScope(body.scope);
    const tokens = this.issue('client_credentials', client, { clientSubject: `${client.clientId}@clients` }, { audience, requested, accessToken: true, idToken: false });
    return { access_token: tokens.accessToken, scope: tokens.scopes.join(' '), expires_in: tokens.expiresIn, token_type: 'Bearer' };
  }

  /** Authorization code (+ PKCE, RFC 7636), as @auth0/auth0-spa-js exchanges it. */
  private authorizationCodeGrant(client: ClientConfig, body: Record<string, unknown>, isPublic: boolean): Record<string, unknown> {
    const code = this.codes.get(String(body.code ?? ''));
    this.codes.delete(String(body.code ?? ''));
    if (!code || code.expires < this.now() || code.request.client.clientId !== client.clientId) {
      throw oauthError(403, 'invalid_grant', 'Invalid authorization code');
    }
    if (body.redirect_uri !== code.request.redirectUri) {
      throw oauthError(403, 'invalid_grant', 'Invalid redirect_uri: it must match the one of the authorization request');
    }
    const challenge = code.request.codeChallenge;
    if (challenge !== null) {
      const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
      const computed = code.request.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
      if (computed !== challenge) throw oauthError(403, 'invalid_grant', 'Failed to verify code verifier');
    } else if (isPublic) {
      throw oauthError(401, 'access_denied', 'Unauthorized: a public client must send a code_verifier (PKCE)');
    }
    const user = this.users.get(code.userId);
    if (!user) throw oauthError(403, 'invalid_grant', 'The user does not exist');
    const request = code.request;
    return this.tokenResponse(
      this.issue('authorization_code', client, { user }, {
        audience: request.audience,
        requested: request.requested,
        accessToken: true,
        idToken: request.requested.includes('openid'),
        nonce: request.nonce ?? undefined,
        refreshToken: true,
        silent: request.prompt === 'none',
        issuer: request.issuer,
      }),
    );
  }

  /** Refresh token grant with rotation: the used token is spent, a new one comes back. */
  private refreshTokenGrant(client: ClientConfig, body: Record<string, unknown>): Record<string, unknown> {
    const stored = this.refreshTokens.get(String(body.refresh_token ?? ''));
    if (!stored || stored.clientId !== client.clientId) throw oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    this.refreshTokens.delete(String(body.refresh_token));
    const user = this.users.get(stored.userId);
    if (!user) throw oauthError(403, 'invalid_grant', 'The user does not exist');
    const requested = body.scope === undefined ? stored.scopes : splitScope(body.scope).filter((s) => stored.scopes.includes(s));
    return this.tokenResponse(
      this.issue('refresh_token', client, { user }, {
        audience: stored.audience,
        requested,
        fixedScopes: requested,
        accessToken: true,
        idToken: requested.includes('openid'),
        refreshToken: true,
      }),
    );
  }

  // ---- token verification ------------------------------------------------------------------

  /** Verified claims of a JWT this tenant issued (RS256, or HS256 with a client's secret), or null. */
  private verifyJwt(token: string): JwtClaims | null {
    const decoded = decodeJwt(token);
    if (!decoded) return null;
    let claims: JwtClaims | null = null;
    if (decoded.header.alg === 'RS256') claims = this.key.verify(token);
    if (decoded.header.alg === 'HS256') {
      const client = this.client(decoded.payload.aud);
      claims = client?.clientSecret ? verifyHs256(token, client.clientSecret) : null;
    }
    const issuers = [ISSUER, ...(this.customIssuer ? [this.customIssuer] : [])];
    if (!claims || !issuers.includes(String(claims.iss)) || typeof claims.sub !== 'string') return null;
    return claims;
  }

  private expired(claims: JwtClaims): boolean {
    return typeof claims.exp !== 'number' || claims.exp < this.now();
  }

  /** An ID token is addressed to a client; an access token to an API and carries `scope`. */
  private isIdToken(claims: JwtClaims): boolean {
    return typeof claims.aud === 'string' && this.client(claims.aud) !== undefined && claims.scope === undefined;
  }

  private handleUserinfo(req: IncomingMessage): Record<string, unknown> {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const unauthorized = new HttpError(401, 'Unauthorized');
    if (!match) throw unauthorized;
    let sub: string;
    let scopes: string[];
    const opaque = this.opaqueTokens.get(match[1]);
    if (opaque) {
      if (opaque.exp < this.now()) throw unauthorized;
      ({ sub, scopes } = opaque);
    } else {
      const claims = this.verifyJwt(match[1]);
      if (!claims || this.expired(claims) || this.isIdToken(claims) || !audienceList(claims.aud).includes(USERINFO_AUDIENCE)) throw unauthorized;
      sub = String(claims.sub);
      scopes = splitScope(claims.scope);
    }
    const user = this.users.get(sub);
    if (!user) throw unauthorized;
    return {
      sub: user.user_id,
      ...(scopes.includes('profile') ? { name: user.name, nickname: user.nickname } : {}),
      ...(scopes.includes('email') ? { email: user.email, email_verified: true } : {}),
    };
  }

  // ---- Management API ----------------------------------------------------------------------

  /**
   * Who is calling the Management API, with the API's own answers: no Bearer credential → 401
   * "Missing authentication"; a credential that is not a JWT (the opaque /userinfo token) → 400
   * "Bad HTTP authentication header format" (community.auth0.com/t/11660; auth0-samples
   * auth0-android-sample#70); a JWT it cannot accept → 401 "Invalid token"; an expired one → 401
   * "Expired token received for JSON Web Token validation". ID tokens count only while the
   * Dashboard toggle is on, and act on the user's own data only.
   */
  private authenticateManagement(req: IncomingMessage, log: ManagementCall): Principal {
    const match = /^Bearer\s+(.*)$/i.exec(req.headers.authorization ?? '');
    if (!match) throw managementError(401, 'Unauthorized', 'Missing authentication');
    const token = match[1].trim();
    const invalid = (): HttpError => managementError(401, 'Unauthorized', 'Invalid token', { attributes: { error: 'Invalid token' } });
    if (token.split('.').length !== 3) {
      log.tokenKind = 'malformed';
      throw managementError(400, 'Bad Request', 'Bad HTTP authentication header format', { errorCode: 'Bearer' });
    }
    const claims = this.verifyJwt(token);
    if (!claims) {
      log.tokenKind = 'invalid';
      throw invalid();
    }
    if (this.expired(claims)) {
      log.tokenKind = 'expired';
      const message = 'Expired token received for JSON Web Token validation';
      throw managementError(401, 'Unauthorized', message, { attributes: { error: message } });
    }
    const sub = String(claims.sub);
    if (this.isIdToken(claims)) {
      log.tokenKind = 'id';
      if (!this.allowIdTokensForManagementApi) throw invalid();
      return { kind: 'id', sub, clientId: String(claims.aud), scopes: [] };
    }
    log.tokenKind = 'access';
    const audiences = audienceList(claims.aud);
    const foreign = audiences.filter((a) => a !== MANAGEMENT_AUDIENCE && a !== USERINFO_AUDIENCE);
    if (!audiences.includes(MANAGEMENT_AUDIENCE) || foreign.length > 0) throw invalid();
    const scopes = splitScope(claims.scope);
    log.scopes = scopes;
    return { kind: 'access', sub, clientId: String(claims.azp), scopes };
  }

  /**
   * True when the token may act on any user; false when only on its own subject (an ID token, or
   * only current-user scopes); 403 when it holds none of the endpoint's scopes, with the API's
   * text (e.g. "Insufficient scope, expected any of: read:users,read:current_user,read:user_idp_tokens").
   */
  private authorizeScope(principal: Principal, endpoint: ManagementEndpoint): boolean {
    if (principal.kind === 'id') return false;
    const accepted = acceptedScopes(endpoint);
    const held = accepted.filter((s) => principal.scopes.includes(s));
    if (held.length === 0) {
      throw managementError(403, 'Forbidden', `Insufficient scope, expected any of: ${endpoint.scopes.join(',')}`, { errorCode: 'insufficient_scope' });
    }
    return held.some((s) => !CURRENT_USER_SCOPES.includes(s));
  }

  private async handleManagement(req: IncomingMessage, res: ServerResponse, method: string, path: string, query: URLSearchParams): Promise<void> {
    const log: ManagementCall = { method, path, endpoint: null, status: 0, tokenKind: 'none', scopes: [], message: null };
    this.managementLog.push(log);
    let status: number;
    let body: unknown;
    try {
      const endpoint = findEndpoint(method, path);
      if (!endpoint) throw managementError(404, 'Not Found', 'Not Found');
      log.endpoint = endpoint.id;
      const params = (endpoint.path.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p));
      const principal = this.authenticateManagement(req, log);
      const anyUser = this.authorizeScope(principal, endpoint);
      const userId = endpoint.id.startsWith(`${method} /api/v2/users/`) ? params[0] : undefined;
      if (userId !== undefined && !anyUser && userId !== principal.sub) {
        throw managementError(403, 'Forbidden', 'You cannot access other users with a current_user token', { errorCode: 'insufficient_scope' });
      }
      [status, body] = this.runManagement(endpoint.id, params, await readBody(req), query, principal, anyUser);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      [status, body] = [err.status, err.body];
      log.message = typeof err.body === 'string' ? err.body : String(err.body.message);
    }
    log.status = status;
    sendJson(res, status, body);
  }

  private existingUser(userId: string): TenantUser {
    const user = this.users.get(userId);
    if (!user) throw managementError(404, 'Not Found', 'The user does not exist.', { errorCode: 'inexistent_user' });
    return user;
  }

  private publicUser(user: TenantUser): Record<string, unknown> {
    return {
      user_id: user.user_id,
      email: user.email,
      email_verified: true,
      name: user.name,
      nickname: user.nickname,
      user_metadata: user.user_metadata,
      app_metadata: user.app_metadata,
      identities: user.identities,
    };
  }

  private runManagement(
    endpoint: string,
    params: string[],
    body: Record<string, unknown>,
    query: URLSearchParams,
    principal: Principal,
    anyUser: boolean,
  ): [number, unknown] {
    switch (endpoint) {
      case 'GET /api/v2/users': {
        const q = query.get('q') ?? '';
        return [200, [...this.users.values()].filter((u) => q === '' || u.email.includes(q.replace(/^email:/, '').replace(/"/g, ''))).map((u) => this.publicUser(u))];
      }
      case 'GET /api/v2/users/{id}':
        return [200, this.publicUser(this.existingUser(params[0]))];
      case 'GET /api/v2/users/{id}/enrollments':
        this.existingUser(params[0]);
        return [200, []];
      case 'PATCH /api/v2/users/{id}':
        return [200, this.patchUser(this.existingUser(params[0]), body, principal, anyUser)];
      case 'POST /api/v2/users/{id}/identities':
        return [201, this.linkIdentity(this.existingUser(params[0]), body, principal, anyUser)];
      case 'DELETE /api/v2/users/{id}/identities/{provider}/{user_id}': {
        const user = this.existingUser(params[0]);
        const index = user.identities.findIndex((i) => i.provider === params[1] && i.user_id === params[2]);
        if (index <= 0) throw managementError(400, 'Bad Request', 'The identity is not linked to this user');
        user.identities.splice(index, 1);
        return [200, user.identities];
      }
      case 'DELETE /api/v2/users/{id}/multifactor/{provider}':
        this.existingUser(params[0]);
        return [204, null];
      case 'POST /api/v2/device-credentials': {
        const owner = anyUser && typeof body.user_id === 'string' ? body.user_id : principal.sub;
        if (typeof body.device_name !== 'string') throw managementError(400, 'Bad Request', 'device_name is required');
        const id = `dcr_${randomBytes(8).toString('hex')}`;
        this.deviceCredentials.set(id, { id, user_id: owner, device_name: body.device_name });
        return [201, { id }];
      }
      case 'DELETE /api/v2/device-credentials/{id}': {
        const credential = this.deviceCredentials.get(params[0]);
        if (!credential) throw managementError(404, 'Not Found', 'The device credential does not exist.');
        if (!anyUser && credential.user_id !== principal.sub) {
          throw managementError(403, 'Forbidden', 'You cannot delete device credentials of other users');
        }
        this.deviceCredentials.delete(params[0]);
        return [204, null];
      }
      default:
        throw managementError(404, 'Not Found', endpoint);
    }
  }

  /**
   * PATCH with current-user scopes changes `user_metadata` only (password changes are "not
   * possible" with a SPA token; the SPA tokens page; other root attributes are undocumented and
   * refused here), `update:users_app_metadata` changes `app_metadata` only.
   */
  private patchUser(user: TenantUser, body: Record<string, unknown>, principal: Principal, anyUser: boolean): Record<string, unknown> {
    const fullUpdate = principal.kind === 'access' && principal.scopes.includes('update:users');
    const allowedKeys = fullUpdate ? null : anyUser ? ['app_metadata'] : ['user_metadata'];
    const refused = allowedKeys === null ? [] : Object.keys(body).filter((k) => !allowedKeys.includes(k));
    if (refused.length > 0) {
      throw managementError(403, 'Forbidden', `This token may not change ${refused.join(', ')}`, { errorCode: 'insufficient_scope' });
    }
    for (const key of ['user_metadata', 'app_metadata'] as const) {
      const patch = body[key];
      if (patch === undefined) continue;
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
        throw managementError(400, 'Bad Request', `${key} must be an object`, { errorCode: 'invalid_body' });
      }
      for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
        if (v === null) delete user[key][k];
        else user[key][k] = v;
      }
    }
    return this.publicUser(user);
  }

  /**
   * Account linking: with current-user rights only the secondary account's ID token may be sent;
   * it must be an RS256 ID token of this tenant whose `aud` is the caller token's `azp`
   * (auth0/docs-v2 main/docs/manage-users/user-accounts/user-account-linking/link-user-accounts.mdx).
   */
  private linkIdentity(primary: TenantUser, body: Record<string, unknown>, principal: Principal, anyUser: boolean): Identity[] {
    let secondary: TenantUser | undefined;
    if (typeof body.link_with === 'string') {
      const header = decodeJwt(body.link_with)?.header;
      if (header?.alg !== 'RS256') {
        throw managementError(400, 'Bad Request', `link_with must be an ID token signed with RS256, not ${String(header?.alg ?? 'an opaque token')}`, { errorCode: 'invalid_body' });
      }
      const claims = this.verifyJwt(body.link_with);
      if (!claims || !this.isIdToken(claims) || this.expired(claims)) {
        throw managementError(400, 'Bad Request', 'link_with must be an ID token issued by this tenant', { errorCode: 'invalid_body' });
      }
      if (claims.aud !== principal.clientId) {
        throw managementError(400, 'Bad Request', `link_with was issued to client ${String(claims.aud)}, not to ${principal.clientId}`, { errorCode: 'invalid_body' });
      }
      secondary = this.users.get(String(claims.sub));
    } else if (typeof body.provider === 'string' && typeof body.user_id === 'string') {
      if (!anyUser) throw managementError(403, 'Forbidden', 'Linking by user_id needs the update:users scope', { errorCode: 'insufficient_scope' });
      secondary = this.users.get(`${body.provider}|${body.user_id}`);
    } else {
      throw managementError(400, 'Bad Request', 'Send link_with, or provider and user_id', { errorCode: 'invalid_body' });
    }
    if (!secondary) throw managementError(400, 'Bad Request', 'The secondary account does not exist');
    if (secondary.user_id === primary.user_id) throw managementError(400, 'Bad Request', 'An account cannot be linked to itself');
    this.users.delete(secondary.user_id);
    for (const identity of secondary.identities) {
      primary.identities.push({ ...identity, profileData: { email: secondary.email, name: secondary.name } });
    }
    return primary.identities;
  }
}
