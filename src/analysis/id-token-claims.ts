import type { Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf } from '../ast/node-index';
import { asNode, type AnyNode, calleeName, memberPropertyName, propertyName, stringValue, unwrapExpression } from '../ast/nodes';
import type { ScopeIndex } from './scope';

/**
 * Reads of ID token claims that an OIDC-conformant login no longer puts in the ID token:
 *
 *   authResult.idTokenPayload.user_metadata.nickname
 *   const { app_metadata } = authResult.idTokenPayload;
 *   jwt_decode(localStorage.getItem('id_token')).identities
 *
 * A legacy login's ID token carried the whole profile; once the login asks for the Management API
 * audience it is OIDC-conformant and carries only standard OIDC claims and namespaced custom
 * claims (`https://example.com/roles`). Migrating such an app would make these reads undefined.
 */

/** The claims of the OpenID Connect specification (and those Auth0 adds to every ID token). */
const OIDC_CLAIMS = new Set([
  'sub', 'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified', 'address',
  'updated_at', 'iss', 'aud', 'exp', 'iat', 'nonce', 'at_hash', 'c_hash', 'auth_time', 'acr', 'amr', 'azp', 'sid', 'org_id', 'org_name',
]);

/** Functions that decode a JWT's payload (jwt-decode, angular-jwt's jwtHelper, auth0-js's own helper). */
const DECODERS = new Set(['jwt_decode', 'jwtDecode', 'decodeToken', 'decodeJwt', 'decode']);

export interface ClaimRead {
  /** The member expression (or destructured property) that reads the claim. */
  node: AnyNode;
  claim: string;
  /** What the payload comes from: `authResult` of `authResult.idTokenPayload`, or undefined for a decoded token. */
  resultObject?: AnyNode;
}

function isClaimDropped(name: string): boolean {
  return !OIDC_CLAIMS.has(name) && !name.includes('/') && !name.includes(':');
}

/** `x.idTokenPayload`, or a decoder called on text naming an ID token. */
function payloadSource(node: AnyNode | null, source: string): { resultObject?: AnyNode } | undefined {
  const n = unwrapExpression(node);
  if (!n) return undefined;
  if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && memberPropertyName(n) === 'idTokenPayload') {
    return { resultObject: asNode(n.object) ?? undefined };
  }
  if (n.type === 'CallExpression') {
    const name = calleeName(n);
    const [argument] = n.arguments as AnyNode[];
    const start = argument?.start as number | undefined;
    const end = argument?.end as number | undefined;
    if (name && DECODERS.has(name) && start !== undefined && end !== undefined && /id_?token/i.test(source.slice(start, end))) return {};
  }
  return undefined;
}

/** Every such read in the file, in source order, from the tree's node index (no walk of its own). */
export function findDroppedClaimReads(j: JSCodeshift, root: Collection, scope: ScopeIndex, source: string): ClaimRead[] {
  // Every payload comes from `idTokenPayload` or a decoder: most files have neither.
  if (!source.includes('idTokenPayload') && !/[dD]ecode/.test(source)) return [];
  const reads: ClaimRead[] = [];
  for (const path of nodesOf(j, root, j.MemberExpression)) {
    const node = path.node as unknown as AnyNode;
    const claim = memberPropertyName(node) ?? stringValue(node.property);
    const object = unwrapExpression(node.object);
    const payload = payloadSource(object, source) ?? payloadOfLocal(object, scope, source);
    if (claim && payload && isClaimDropped(claim)) reads.push({ node, claim, ...payload });
  }
  for (const path of nodesOf(j, root, j.VariableDeclarator)) {
    const declarator = path.node as unknown as AnyNode;
    const id = asNode(declarator.id);
    const payload = id?.type === 'ObjectPattern' ? payloadSource(asNode(declarator.init), source) : undefined;
    if (!id || !payload) continue;
    for (const property of id.properties as AnyNode[]) {
      const claim = propertyName(property);
      if (claim && isClaimDropped(claim)) reads.push({ node: property, claim, ...payload });
    }
  }
  return reads.sort((a, b) => (a.node.start as number) - (b.node.start as number));
}

/** `payload` of `var payload = r.idTokenPayload;` (bound once, never reassigned). */
function payloadOfLocal(node: AnyNode | null, scope: ScopeIndex, source: string): { resultObject?: AnyNode } | undefined {
  if (node?.type !== 'Identifier') return undefined;
  const binding = scope.resolve(node.name as string, node);
  if (!binding || binding.declarators.length !== 1 || scope.isReassigned(binding)) return undefined;
  const declarator = binding.declarators[0];
  return asNode(declarator.id)?.type === 'Identifier' ? payloadSource(asNode(declarator.init), source) : undefined;
}
