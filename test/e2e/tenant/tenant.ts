import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSelfSignedCertificate } from './certificate';
import { SigningKey, accessTokenHash, type JwtClaims } from './jwt';

/**
 * An emulated Auth0 tenant: just enough of the Authentication API (implicit /authorize,
 * /oauth/token password grants, /userinfo, JWKS) and of the Management API endpoints named in the
 * migration guide to run real auth0-js and real scripts against it, enforcing the guide's rules
 * for ID tokens, audiences and scopes.
 */

export const TENANT_HOST = 'example-tenant.auth0.com';
export const ISSUER = `https://${TENANT_HOST}/`;
export const MANAGEMENT_AUDIENCE = `https://${TENANT_HOST}/api/v2/`;
export const USERINFO_AUDIENCE = `https://${TENANT_HOST}/userinfo`;
export const DATABASE_CONNECTION = 'Username-Password-Authentication';

const TOKEN_LIFETIME_SECONDS = 7200;
const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email'];

interface EndpointRule {
  /** Same notation as the codemod's report: `METHOD /api/v2/...` with `{name}` placeholders. */
  id: string;
  method: string;
  path: RegExp;
  /** Scopes from the guide's "current user" column; any one of them suffices. */
  currentUser: readonly string[];
  anyUser: string;
}

/** The guide's scope matrix, written out here independently of the codemod's catalog. */
const MANAGEMENT_ENDPOINTS: readonly EndpointRule[] = [
  {
    id: 'GET /api/v2/users/{id}',
    method: 'GET',
    path: /^\/api\/v2\/users\/([^/]+)$/,
    currentUser: ['read:current_user'],
    anyUser: 'read:users',
  },
  {
    id: 'GET /api/v2/users/{id}/enrollments',
    method: 'GET',
    path: /^\/api\/v2\/users\/([^/]+)\/enrollments$/,
    currentUser: ['read:current_user'],
    anyUser: 'read:users',
  },
  {
    id: 'POST /api/v2/users/{id}/identities',
    method: 'POST',
    path: /^\/api\/v2\/users\/([^/]+)\/identities$/,
    currentUser: ['update:current_user_identities'],
    anyUser: 'update:users',
  },
  {
    id: 'DELETE /api/v2/users/{id}/identities/{provider}/{user_id}',
    method: 'DELETE',
    path: /^\/api\/v2\/users\/([^/]+)\/identities\/([^/]+)\/([^/]+)$/,
    currentUser: ['update:current_user_identities'],
    anyUser: 'update:users',
  },
  {
    id: 'PATCH /api/v2/users/{id}',
    method: 'PATCH',
    path: /^\/api\/v2\/users\/([^/]+)$/,
    currentUser: ['update:current_user_metadata', 'create:current_user_metadata'],
    anyUser: 'update:users',
  },
  {
    id: 'DELETE /api/v2/users/{id}/multifactor/{provider}',
    method: 'DELETE',
    path: /^\/api\/v2\/users\/([^/]+)\/multifactor\/([^/]+)$/,
    currentUser: ['delete:current_user_metadata'],
    anyUser: 'update:users',
  },
  {
    id: 'POST /api/v2/device-credentials',
    method: 'POST',
    path: /^\/api\/v2\/device-credentials$/,
    currentUser: ['create:current_user_device_credentials'],
    anyUser: 'create:device_credentials',
  },
  {
    id: 'DELETE /api/v2/device-credentials/{id}',
    method: 'DELETE',
    path: /^\/api\/v2\/device-credentials\/([^/]+)$/,
    currentUser: ['delete:current_user_device_credentials'],
    anyUser: 'delete:device_credentials',
  },
];

export const MANAGEMENT_SCOPES: readonly string[] = [
  ...new Set(MANAGEMENT_ENDPOINTS.flatMap((e) => [...e.currentUser, e.anyUser])),
];

export interface Identity {
  connection: string;
  provider: string;
  user_id: string;
  isSocial: boolean;
  profileData?: { email: string; name: string };
}

export interface TenantUser {
  /** `auth0|<id>` for database users. */
  user_id: string;
  email: string;
  password: string;
  name: string;
  nickname: string;
  connection: string;
  user_metadata: Record<string, unknown>;
  identities: Identity[];
}

export type UserSeed = Pick<TenantUser, 'user_id' | 'email' | 'password' | 'name' | 'nickname'>;

export interface ClientConfig {
  clientId: string;
  /** Confidential clients must send it to /oauth/token; SPAs have none. */
  clientSecret?: string;
  /** Allowed redirect URIs for /authorize. */
  callbacks: readonly string[];
  /** Origins allowed to call the tenant from a browser (CORS). */
  webOrigins: readonly string[];
}

export interface TenantOptions {
  clients: readonly ClientConfig[];
  users: readonly UserSeed[];
  /** The user /authorize signs in without a login page. */
  autoLoginUserId: string;
  /** The Dashboard toggle "Allow ID Tokens for Management API v2 Authentication". */
  allowIdTokensForManagementApi: boolean;
  /** Identifiers of the tenant's own APIs besides the Management API (e.g. an app's backend). */
  otherApis?: readonly string[];
}

export type TokenKind = 'none' | 'invalid' | 'id' | 'access';

export interface ManagementCall {
  method: string;
  path: string;
  /** Endpoint id (see EndpointRule.id), or null for a path the tenant does not serve. */
  endpoint: string | null;
  status: number;
  tokenKind: TokenKind;
  /** Scopes of the Bearer access token; empty for ID tokens and rejected tokens. */
  scopes: string[];
}

export interface IssuedTokens {
  grant: 'implicit' | 'password' | 'password-realm';
  clientId: string;
  sub: string;
  /** The access token's API audience; null when no access token was issued. */
  audience: string | null;
  /** Scopes granted to the access token (empty when none was issued). */
  scopes: string[];
  accessToken: boolean;
  idToken: boolean;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? body.error_description ?? body.error));
  }
}

interface Principal {
  kind: 'id' | 'access';
  sub: string;
  /** The client the token was issued to: `aud` of an ID token, `azp` of an access token. */
  clientId: string;
  scopes: string[];
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, { statusCode: 401, error: 'Unauthorized', message, errorCode: 'invalid_token' });
}

function forbidden(message: string): HttpError {
  return new HttpError(403, { statusCode: 403, error: 'Forbidden', message, errorCode: 'insufficient_scope' });
}

function badRequest(message: string): HttpError {
  return new HttpError(400, { statusCode: 400, error: 'Bad Request', message, errorCode: 'invalid_body' });
}

function notFound(message: string): HttpError {
  return new HttpError(404, { statusCode: 404, error: 'Not Found', message, errorCode: 'inexistent_user' });
}

function oauthError(status: number, error: string, description: string): HttpError {
  return new HttpError(status, { error, error_description: description });
}

function splitScope(scope: unknown): string[] {
  return typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function audienceList(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > 1_000_000) throw badRequest('Payload too large');
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
  throw badRequest('Request body must be a JSON object');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class Tenant {
  allowIdTokensForManagementApi: boolean;
  readonly managementLog: ManagementCall[] = [];
  readonly issued: IssuedTokens[] = [];

  private readonly key = new SigningKey();
  private readonly clients: readonly ClientConfig[];
  private readonly autoLoginUserId: string;
  private readonly otherApis: readonly string[];
  private readonly users = new Map<string, TenantUser>();
  private readonly deviceCredentials = new Map<string, { id: string; user_id: string; device_name: string }>();
  private server: Server | undefined;

  private constructor(options: TenantOptions) {
    this.clients = options.clients;
    this.autoLoginUserId = options.autoLoginUserId;
    this.otherApis = options.otherApis ?? [];
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

  /** Replaces the user store and clears the logs, so each scenario starts from the same state. */
  reset(users: readonly UserSeed[]): void {
    this.users.clear();
    this.deviceCredentials.clear();
    this.managementLog.length = 0;
    this.issued.length = 0;
    for (const seed of users) {
      this.users.set(seed.user_id, {
        ...seed,
        connection: DATABASE_CONNECTION,
        user_metadata: {},
        identities: [this.databaseIdentity(seed.user_id)],
      });
    }
  }

  user(userId: string): TenantUser | undefined {
    return this.users.get(userId);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
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
      await this.handleManagement(req, res, method, url.pathname);
      return;
    }
    try {
      if (method === 'GET' && url.pathname === '/.well-known/jwks.json') {
        sendJson(res, 200, this.key.jwks());
      } else if (method === 'GET' && url.pathname === '/authorize') {
        this.handleAuthorize(url.searchParams, res);
      } else if (method === 'POST' && url.pathname === '/oauth/token') {
        sendJson(res, 200, this.handleToken(await readBody(req)));
      } else if (method === 'GET' && url.pathname === '/userinfo') {
        sendJson(res, 200, this.handleUserinfo(req));
      } else {
        sendJson(res, 404, { error: 'not_found', error_description: `${method} ${url.pathname}` });
      }
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      sendJson(res, err.status, err.body);
    }
  }

  /**
   * CORS as Auth0 does it: browsers may call the tenant only from a client's allowed web origins.
   * The JWKS is public. Returns false when a preflight was refused (the response is then sent).
   */
  private applyCors(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    const origin = req.headers.origin;
    if (!origin) return true;
    const allowed = pathname === '/.well-known/jwks.json' || this.clients.some((c) => c.webOrigins.includes(origin));
    if (!allowed) {
      if (req.method === 'OPTIONS') {
        res.writeHead(403).end();
        return false;
      }
      return true;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
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

  /** Requested scopes the tenant grants: OIDC ones always, Management ones only for its audience. */
  private grantScopes(requested: readonly string[], audience: string): string[] {
    const grantable = new Set(audience === MANAGEMENT_AUDIENCE ? [...OIDC_SCOPES, ...MANAGEMENT_SCOPES] : OIDC_SCOPES);
    return [...new Set(requested.filter((s) => grantable.has(s)))];
  }

  private checkAudience(audience: string | null): string {
    if (audience === null || audience === '') return USERINFO_AUDIENCE;
    if (audience === MANAGEMENT_AUDIENCE || audience === USERINFO_AUDIENCE || this.otherApis.includes(audience)) {
      return audience;
    }
    throw oauthError(403, 'access_denied', `Service not found: ${audience}`);
  }

  /**
   * Issues the tokens of one grant. Without an audience the access token is only good for
   * /userinfo; with an API audience and `openid` it also carries the /userinfo audience, as real
   * Auth0 tokens do.
   */
  private issue(
    grant: IssuedTokens['grant'],
    client: ClientConfig,
    user: TenantUser,
    options: { audience: string; requested: string[]; accessToken: boolean; idToken: boolean; nonce?: string },
  ): { accessToken?: string; idToken?: string; scopes: string[] } {
    const iat = nowSeconds();
    const exp = iat + TOKEN_LIFETIME_SECONDS;
    const scopes = this.grantScopes(options.requested, options.audience);
    let accessToken: string | undefined;
    if (options.accessToken) {
      const aud =
        options.audience !== USERINFO_AUDIENCE && scopes.includes('openid')
          ? [options.audience, USERINFO_AUDIENCE]
          : options.audience;
      accessToken = this.key.sign({
        iss: ISSUER,
        sub: user.user_id,
        aud,
        iat,
        exp,
        azp: client.clientId,
        scope: scopes.join(' '),
        ...(grant === 'implicit' ? {} : { gty: 'password' }),
      });
    }
    let idToken: string | undefined;
    if (options.idToken) {
      const claims: JwtClaims = { iss: ISSUER, sub: user.user_id, aud: client.clientId, iat, exp };
      if (scopes.includes('profile')) Object.assign(claims, { name: user.name, nickname: user.nickname });
      if (scopes.includes('email')) Object.assign(claims, { email: user.email, email_verified: true });
      if (options.nonce) claims.nonce = options.nonce;
      if (accessToken) claims.at_hash = accessTokenHash(accessToken);
      idToken = this.key.sign(claims);
    }
    this.issued.push({
      grant,
      clientId: client.clientId,
      sub: user.user_id,
      audience: accessToken ? options.audience : null,
      scopes: accessToken ? scopes : [],
      accessToken: Boolean(accessToken),
      idToken: Boolean(idToken),
    });
    return { accessToken, idToken, scopes };
  }

  private handleAuthorize(query: URLSearchParams, res: ServerResponse): void {
    const client = this.client(query.get('client_id'));
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!client) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Unknown client');
      return;
    }
    if (!client.callbacks.includes(redirectUri)) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`Callback URL mismatch: ${redirectUri}`);
      return;
    }
    const state = query.get('state');
    const responseMode = query.get('response_mode') ?? 'fragment';
    const respond = (params: Record<string, string>): void => {
      const all = state === null ? params : { ...params, state };
      if (responseMode === 'form_post') {
        const inputs = Object.entries(all)
          .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
          .join('');
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(
          `<!DOCTYPE html><html><body onload="document.forms[0].submit()">` +
            `<form method="post" action="${escapeHtml(redirectUri)}">${inputs}</form></body></html>`,
        );
        return;
      }
      const encoded = Object.entries(all)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&');
      res.writeHead(302, { Location: `${redirectUri}#${encoded}` }).end();
    };
    const fail = (error: string, description: string): void => respond({ error, error_description: description });

    if (responseMode !== 'fragment' && responseMode !== 'form_post') {
      fail('invalid_request', `response_mode ${responseMode} is not supported for the implicit flow`);
      return;
    }
    const responseTypes = new Set(splitScope(query.get('response_type')));
    const wantsAccessToken = responseTypes.has('token');
    const wantsIdToken = responseTypes.has('id_token');
    if (responseTypes.size === 0 || [...responseTypes].some((t) => t !== 'token' && t !== 'id_token')) {
      fail('unsupported_response_type', `Unsupported response type: ${query.get('response_type') ?? ''}`);
      return;
    }
    const requested = splitScope(query.get('scope'));
    const nonce = query.get('nonce');
    if (wantsIdToken && !requested.includes('openid')) {
      fail('invalid_request', 'response_type id_token requires the openid scope');
      return;
    }
    if (wantsIdToken && !nonce) {
      fail('invalid_request', 'Nonce is required for response_type id_token');
      return;
    }
    let audience: string;
    try {
      audience = this.checkAudience(query.get('audience'));
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      fail(String(err.body.error), String(err.body.error_description));
      return;
    }
    const user = this.users.get(this.autoLoginUserId);
    if (!user) {
      fail('access_denied', 'The configured test user does not exist');
      return;
    }
    const tokens = this.issue('implicit', client, user, {
      audience,
      requested,
      accessToken: wantsAccessToken,
      idToken: wantsIdToken,
      nonce: nonce ?? undefined,
    });
    const params: Record<string, string> = {};
    if (tokens.accessToken) {
      Object.assign(params, {
        access_token: tokens.accessToken,
        scope: tokens.scopes.join(' '),
        expires_in: String(TOKEN_LIFETIME_SECONDS),
        token_type: 'Bearer',
      });
    }
    if (tokens.idToken) params.id_token = tokens.idToken;
    respond(params);
  }

  private handleToken(body: Record<string, unknown>): Record<string, unknown> {
    const client = this.client(body.client_id);
    if (!client) throw oauthError(401, 'access_denied', 'Unauthorized');
    if (client.clientSecret !== undefined && body.client_secret !== client.clientSecret) {
      throw oauthError(401, 'access_denied', 'Unauthorized');
    }
    let grant: IssuedTokens['grant'];
    let connection: string;
    if (body.grant_type === 'password') {
      grant = 'password';
      connection = DATABASE_CONNECTION;
    } else if (body.grant_type === 'http://auth0.com/oauth/grant-type/password-realm') {
      grant = 'password-realm';
      if (typeof body.realm !== 'string') throw oauthError(400, 'invalid_request', 'Missing required parameter: realm');
      connection = body.realm;
    } else {
      throw oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${String(body.grant_type)}`);
    }
    const user = [...this.users.values()].find(
      (u) => u.email === body.username && u.password === body.password && u.connection === connection,
    );
    if (!user) throw oauthError(403, 'invalid_grant', 'Wrong email or password.');
    const audience = this.checkAudience(typeof body.audience === 'string' ? body.audience : null);
    const requested = splitScope(body.scope);
    const tokens = this.issue(grant, client, user, {
      audience,
      requested,
      accessToken: true,
      idToken: requested.includes('openid'),
    });
    return {
      access_token: tokens.accessToken,
      ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
      scope: tokens.scopes.join(' '),
      expires_in: TOKEN_LIFETIME_SECONDS,
      token_type: 'Bearer',
    };
  }

  /** Verified claims of a token this tenant issued and that has not expired, or null. */
  private verifyToken(token: string): JwtClaims | null {
    const claims = this.key.verify(token);
    if (!claims || claims.iss !== ISSUER || typeof claims.sub !== 'string') return null;
    if (typeof claims.exp !== 'number' || claims.exp < nowSeconds()) return null;
    return claims;
  }

  /** An ID token is addressed to a client; an access token to an API and carries `scope`. */
  private isIdToken(claims: JwtClaims): boolean {
    return typeof claims.aud === 'string' && this.client(claims.aud) !== undefined && claims.scope === undefined;
  }

  private handleUserinfo(req: IncomingMessage): Record<string, unknown> {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const claims = match ? this.verifyToken(match[1]) : null;
    if (!claims || this.isIdToken(claims) || !audienceList(claims.aud).includes(USERINFO_AUDIENCE)) {
      throw new HttpError(401, { error: 'unauthorized', error_description: 'Unauthorized' });
    }
    const user = this.users.get(String(claims.sub));
    if (!user) throw new HttpError(401, { error: 'unauthorized', error_description: 'Unknown user' });
    const scopes = splitScope(claims.scope);
    return {
      sub: user.user_id,
      ...(scopes.includes('profile') ? { name: user.name, nickname: user.nickname } : {}),
      ...(scopes.includes('email') ? { email: user.email, email_verified: true } : {}),
    };
  }

  /**
   * Who is calling the Management API. ID tokens count only while the toggle is on, and act on
   * the user's own data only; access tokens need the Management API as their one API audience.
   */
  private authenticateManagement(req: IncomingMessage, log: ManagementCall): Principal {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (!match) throw unauthorized('Missing authentication');
    const claims = this.verifyToken(match[1]);
    if (!claims) {
      log.tokenKind = 'invalid';
      throw unauthorized('Invalid token');
    }
    const sub = String(claims.sub);
    if (this.isIdToken(claims)) {
      log.tokenKind = 'id';
      if (!this.allowIdTokensForManagementApi) {
        throw unauthorized('ID tokens are not accepted by the Management API; use an access token');
      }
      return { kind: 'id', sub, clientId: String(claims.aud), scopes: [] };
    }
    log.tokenKind = 'access';
    const audiences = audienceList(claims.aud);
    const foreign = audiences.filter((a) => a !== MANAGEMENT_AUDIENCE && a !== USERINFO_AUDIENCE);
    if (!audiences.includes(MANAGEMENT_AUDIENCE) || foreign.length > 0) {
      throw unauthorized(`Bad audience: ${audiences.join(' ')}`);
    }
    const scopes = splitScope(claims.scope);
    log.scopes = scopes;
    return { kind: 'access', sub, clientId: String(claims.azp), scopes };
  }

  /** True for any-user access; throws 403 when the token holds neither scope of the endpoint. */
  private authorizeScope(principal: Principal, rule: EndpointRule): boolean {
    if (principal.kind === 'id') return false;
    if (principal.scopes.includes(rule.anyUser)) return true;
    if (rule.currentUser.some((s) => principal.scopes.includes(s))) return false;
    throw forbidden(`Insufficient scope, expected any of: ${[rule.anyUser, ...rule.currentUser].join(',')}`);
  }

  private async handleManagement(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
  ): Promise<void> {
    const log: ManagementCall = { method, path, endpoint: null, status: 0, tokenKind: 'none', scopes: [] };
    this.managementLog.push(log);
    let status: number;
    let body: unknown;
    try {
      const rule = MANAGEMENT_ENDPOINTS.find((r) => r.method === method && r.path.test(path));
      if (!rule) throw new HttpError(404, { statusCode: 404, error: 'Not Found', message: 'Not Found' });
      log.endpoint = rule.id;
      const params = (rule.path.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p));
      const principal = this.authenticateManagement(req, log);
      const anyUser = this.authorizeScope(principal, rule);
      const userId = rule.id.startsWith(`${method} /api/v2/users/`) ? params[0] : undefined;
      if (userId !== undefined && !anyUser && userId !== principal.sub) {
        throw forbidden('You cannot access other users with this token');
      }
      [status, body] = this.runManagement(rule.id, params, await readBody(req), principal, anyUser);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      [status, body] = [err.status, err.body];
    }
    log.status = status;
    sendJson(res, status, body);
  }

  private existingUser(userId: string): TenantUser {
    const user = this.users.get(userId);
    if (!user) throw notFound('The user does not exist.');
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
      app_metadata: {},
      identities: user.identities,
    };
  }

  private runManagement(
    endpoint: string,
    params: string[],
    body: Record<string, unknown>,
    principal: Principal,
    anyUser: boolean,
  ): [number, unknown] {
    switch (endpoint) {
      case 'GET /api/v2/users/{id}':
        return [200, this.publicUser(this.existingUser(params[0]))];
      case 'GET /api/v2/users/{id}/enrollments':
        this.existingUser(params[0]);
        return [200, []];
      case 'PATCH /api/v2/users/{id}': {
        const user = this.existingUser(params[0]);
        const rootAttributes = Object.keys(body).filter((k) => k !== 'user_metadata');
        if (!anyUser && rootAttributes.length > 0) {
          throw forbidden(`This token may only change user_metadata, not ${rootAttributes.join(', ')}`);
        }
        const metadata = body.user_metadata;
        if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
          throw badRequest('user_metadata must be an object');
        }
        for (const [k, v] of Object.entries((metadata ?? {}) as Record<string, unknown>)) {
          if (v === null) delete user.user_metadata[k];
          else user.user_metadata[k] = v;
        }
        return [200, this.publicUser(user)];
      }
      case 'POST /api/v2/users/{id}/identities':
        return [201, this.linkIdentity(this.existingUser(params[0]), body, principal, anyUser)];
      case 'DELETE /api/v2/users/{id}/identities/{provider}/{user_id}': {
        const user = this.existingUser(params[0]);
        const index = user.identities.findIndex((i) => i.provider === params[1] && i.user_id === params[2]);
        if (index <= 0) throw badRequest('The identity is not linked to this user');
        user.identities.splice(index, 1);
        return [200, user.identities];
      }
      case 'DELETE /api/v2/users/{id}/multifactor/{provider}':
        this.existingUser(params[0]);
        return [204, null];
      case 'POST /api/v2/device-credentials': {
        const owner = anyUser && typeof body.user_id === 'string' ? body.user_id : principal.sub;
        if (typeof body.device_name !== 'string') throw badRequest('device_name is required');
        const id = `dcr_${randomBytes(8).toString('hex')}`;
        this.deviceCredentials.set(id, { id, user_id: owner, device_name: body.device_name });
        return [201, { id }];
      }
      case 'DELETE /api/v2/device-credentials/{id}': {
        const credential = this.deviceCredentials.get(params[0]);
        if (!credential) throw notFound('The device credential does not exist.');
        if (!anyUser && credential.user_id !== principal.sub) {
          throw forbidden('You cannot delete device credentials of other users');
        }
        this.deviceCredentials.delete(params[0]);
        return [204, null];
      }
      default:
        throw new HttpError(404, { statusCode: 404, error: 'Not Found', message: endpoint });
    }
  }

  /**
   * Account linking per the guide: with current-user rights only the secondary account's ID
   * token may be sent; it must be an RS256 token of this tenant issued to the same client as the
   * caller's token (`aud` of the ID token = `azp` of the access token).
   */
  private linkIdentity(
    primary: TenantUser,
    body: Record<string, unknown>,
    principal: Principal,
    anyUser: boolean,
  ): Identity[] {
    let secondary: TenantUser | undefined;
    if (typeof body.link_with === 'string') {
      const claims = this.verifyToken(body.link_with);
      if (!claims || !this.isIdToken(claims)) {
        throw badRequest('link_with must be an RS256 ID token issued by this tenant');
      }
      if (claims.aud !== principal.clientId) {
        throw badRequest(`link_with was issued to client ${String(claims.aud)}, not to ${principal.clientId}`);
      }
      secondary = this.users.get(String(claims.sub));
    } else if (typeof body.provider === 'string' && typeof body.user_id === 'string') {
      if (!anyUser) throw forbidden('Linking by user_id needs the update:users scope');
      secondary = this.users.get(`${body.provider}|${body.user_id}`);
    } else {
      throw badRequest('Send link_with, or provider and user_id');
    }
    if (!secondary) throw badRequest('The secondary account does not exist');
    if (secondary.user_id === primary.user_id) throw badRequest('An account cannot be linked to itself');
    this.users.delete(secondary.user_id);
    for (const identity of secondary.identities) {
      primary.identities.push({ ...identity, profileData: { email: secondary.email, name: secondary.name } });
    }
    return primary.identities;
  }
}
