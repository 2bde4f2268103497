import { createHash, createHmac, generateKeyPairSync, randomBytes, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

export interface DecodedJwt {
  header: { alg?: unknown; kid?: unknown; typ?: unknown };
  payload: JwtClaims;
}

export interface Jwk {
  kty: string;
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Header and payload of a compact JWS, without checking the signature; null when malformed. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return isRecord(header) && isRecord(payload) ? { header, payload } : null;
  } catch {
    return null;
  }
}

/** OIDC Core 3.2.2.9: base64url of the left half of the SHA-256 of the access token. */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest().subarray(0, 16).toString('base64url');
}

/** The tenant's RS256 signing key, published as a one-key JWKS. */
export class SigningKey {
  readonly kid = randomBytes(12).toString('base64url');
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  jwks(): { keys: Jwk[] } {
    const jwk = this.publicKey.export({ format: 'jwk' });
    if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new Error('RSA key export lacks n/e');
    return { keys: [{ kty: 'RSA', n: jwk.n, e: jwk.e, kid: this.kid, alg: 'RS256', use: 'sig' }] };
  }

  sign(payload: JwtClaims): string {
    const input = `${encodeSegment({ alg: 'RS256', typ: 'JWT', kid: this.kid })}.${encodeSegment(payload)}`;
    const signature = sign('sha256', Buffer.from(input, 'ascii'), this.privateKey);
    return `${input}.${signature.toString('base64url')}`;
  }

  /** The payload when the token is an RS256 JWS made by this key, else null. Claims are not checked. */
  verify(token: string): JwtClaims | null {
    const decoded = decodeJwt(token);
    if (!decoded || decoded.header.alg !== 'RS256' || decoded.header.kid !== this.kid) return null;
    const [header, payload, signature] = token.split('.');
    const ok = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`, 'ascii'),
      this.publicKey,
      Buffer.from(signature, 'base64url'),
    );
    return ok ? decoded.payload : null;
  }
}

/**
 * HS256 tokens, signed with the client secret: what Auth0 issues as ID tokens to a client whose
 * "JsonWebToken Signature Algorithm" is HS256 (Dashboard > Application > Advanced > OAuth).
 */
export function signHs256(payload: JwtClaims, secret: string): string {
  const input = `${encodeSegment({ alg: 'HS256', typ: 'JWT' })}.${encodeSegment(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input, 'ascii').digest('base64url')}`;
}

/** The payload when the token is an HS256 JWS made with this secret, else null. Claims are not checked. */
export function verifyHs256(token: string, secret: string): JwtClaims | null {
  const decoded = decodeJwt(token);
  if (!decoded || decoded.header.alg !== 'HS256') return null;
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`, 'ascii').digest();
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? decoded.payload : null;
}
