import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf, perTree, treeSlot } from '../ast/node-index';
import { asNode, type AnyNode, findProperty, memberPropertyName, stringValue, unwrapExpression } from '../ast/nodes';
import { type Auth0Bindings, findConstructions } from './auth0-bindings';
import { constantInitialisers, findManagementHttpCalls } from './management-calls';

/**
 * Token tracing (DESIGN.md "Token tracing"): which expressions hold an ID token or an access
 * token, where tokens go in Web Storage, and which expression the Management API receives.
 */

export type TokenKind = 'id' | 'access';

const ID_TOKEN_FIELDS = new Set(['idToken', 'id_token']);
const ACCESS_TOKEN_FIELDS = new Set(['accessToken', 'access_token']);

/** `x.idToken` / `x.id_token` / `x['id_token']` → 'id'; the access-token names → 'access'. */
export function tokenFieldKind(node: unknown): TokenKind | undefined {
  const n = unwrapExpression(node);
  // `params.get('id_token')`: a token read from parsed URL parameters (the callback's hash).
  const callee = n?.type === 'CallExpression' ? unwrapExpression(n.callee) : null;
  const key = callee && memberPropertyName(callee) === 'get' ? stringValue((n?.arguments as unknown[])[0]) : undefined;
  const name = key ?? memberPropertyName(n);
  if (!name) return undefined;
  if (ID_TOKEN_FIELDS.has(name)) return 'id';
  if (ACCESS_TOKEN_FIELDS.has(name)) return 'access';
  return undefined;
}

/** The access-token twin of an ID-token field name. */
export function accessTwinField(field: string): string | undefined {
  if (field === 'idToken') return 'accessToken';
  if (field === 'id_token') return 'access_token';
  return undefined;
}

export interface StorageRead {
  storage: 'localStorage' | 'sessionStorage';
  key: string;
  /** The literal key node of `getItem('k')` / `['k']`, or the property identifier of `.k`. */
  keyNode: AnyNode;
  /** How it is read: `getItem('k')`, `storage['k']` or `storage.k`. */
  form: 'getItem' | 'computed' | 'member';
}

function storageObject(node: unknown): 'localStorage' | 'sessionStorage' | undefined {
  const n = unwrapExpression(node);
  if (!n) return undefined;
  if (n.type === 'Identifier' && (n.name === 'localStorage' || n.name === 'sessionStorage')) return n.name;
  const member = memberPropertyName(n);
  if ((member === 'localStorage' || member === 'sessionStorage') && n.type === 'MemberExpression') {
    const object = unwrapExpression(n.object);
    if (object?.type === 'Identifier' && ['window', 'self', 'globalThis'].includes(object.name as string)) return member;
  }
  return undefined;
}

/** `localStorage.getItem('k')`, `localStorage['k']`, `localStorage.k` (also on `window.`, sessionStorage). */
export function storageRead(node: unknown): StorageRead | undefined {
  const n = unwrapExpression(node);
  if (!n) return undefined;
  if (n.type === 'CallExpression') {
    const callee = unwrapExpression(n.callee);
    if (memberPropertyName(callee) !== 'getItem' || !callee) return undefined;
    const storage = storageObject(callee.object);
    const keyNode = asNode((n.arguments as unknown[])[0]);
    const key = stringValue(keyNode);
    return storage && keyNode && key !== undefined ? { storage, key, keyNode, form: 'getItem' } : undefined;
  }
  if (n.type === 'MemberExpression') {
    const storage = storageObject(n.object);
    const key = memberPropertyName(n);
    if (!storage || key === undefined || ['getItem', 'setItem', 'removeItem', 'clear', 'key', 'length'].includes(key)) return undefined;
    const keyNode = asNode(n.property);
    return keyNode ? { storage, key, keyNode, form: n.computed ? 'computed' : 'member' } : undefined;
  }
  return undefined;
}

export interface StorageWrite {
  storage: 'localStorage' | 'sessionStorage';
  key: string;
  /** The key as written: a string literal, or a constant bound to one. */
  keyNode: AnyNode;
  value: AnyNode;
  /** The expression statement doing the write, when it is one (a twin write can go beside it). */
  statement?: ASTPath;
  /** The call or assignment expression itself. */
  expression: ASTPath;
}

const STORAGE_WRITES = treeSlot<readonly StorageWrite[]>('storage writes');

/**
 * `storage.setItem('k', v)` and `storage.k = v` / `storage['k'] = v`. Computed once per tree (the
 * scan and management-token both ask); read the list, never change it.
 */
export function findStorageWrites(j: JSCodeshift, root: Collection): readonly StorageWrite[] {
  return perTree(root, STORAGE_WRITES, () => collectStorageWrites(j, root));
}

function collectStorageWrites(j: JSCodeshift, root: Collection): StorageWrite[] {
  const writes: StorageWrite[] = [];
  const push = (expression: ASTPath, storage: StorageWrite['storage'], key: string, keyNode: AnyNode, value: unknown): void => {
    const v = unwrapExpression(value);
    const statement = expression.parent?.node?.type === 'ExpressionStatement' ? (expression.parent as ASTPath) : undefined;
    if (v) writes.push({ storage, key, keyNode, value: v, ...(statement ? { statement } : {}), expression });
  };
  let constants: ReadonlyMap<string, AnyNode> | undefined;
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    if (memberPropertyName(callee) !== 'setItem' || !callee) return;
    const storage = storageObject(callee.object);
    const [keyArg, valueArg] = path.node.arguments as unknown[];
    const keyNode = unwrapExpression(keyArg);
    // `setItem(ID_TOKEN_KEY, …)`: a constant bound to the key's literal.
    const keyValue = keyNode?.type === 'Identifier' ? (constants ??= constantInitialisers(j, root)).get(keyNode.name as string) : keyNode;
    const key = stringValue(keyValue);
    if (storage && keyNode && key !== undefined) push(path, storage, key, keyNode, valueArg);
  });
  nodesOf(j, root, j.AssignmentExpression, { operator: '=' }).forEach((path) => {
    const read = storageRead(path.node.left);
    if (read) push(path, read.storage, read.key, read.keyNode, path.node.right);
  });
  return writes;
}

/**
 * The kind of token an expression holds: a token field (`r.idToken`), a storage read of a key the
 * package stores ID/access tokens under, or a local bound once to one of these.
 */
export function tokenKindOf(
  node: unknown,
  constants: ReadonlyMap<string, AnyNode>,
  storageKinds: Map<string, TokenKind>,
  depth = 0,
): TokenKind | undefined {
  const n = unwrapExpression(node);
  if (!n || depth > 4) return undefined;
  const field = tokenFieldKind(n);
  if (field) return field;
  const read = storageRead(n);
  if (read) return storageKinds.get(read.key) ?? guessKeyKind(read.key);
  if (n.type === 'Identifier') {
    const init = constants.get(n.name as string);
    return init ? tokenKindOf(init, constants, storageKinds, depth + 1) : undefined;
  }
  if (n.type === 'LogicalExpression') {
    return tokenKindOf(n.left, constants, storageKinds, depth + 1) ?? tokenKindOf(n.right, constants, storageKinds, depth + 1);
  }
  return undefined;
}

/** Storage keys whose name says what they hold, for files that never write them. */
function guessKeyKind(key: string): TokenKind | undefined {
  if (/^(id_?token|idToken)$/i.test(key)) return 'id';
  if (/^(access_?token|accessToken)$/i.test(key)) return 'access';
  return undefined;
}

/** The expressions given to the Management API as its credential in this file. */
export function findManagementTokenExpressions(j: JSCodeshift, root: Collection, bindings: Auth0Bindings): AnyNode[] {
  const found: AnyNode[] = [];
  for (const { path } of findConstructions(j, root, bindings, ['Management', 'ManagementClient'])) {
    const options = unwrapExpression((path.node as unknown as AnyNode & { arguments: unknown[] }).arguments[0]);
    const token = options?.type === 'ObjectExpression' ? asNode(findProperty(options, 'token')?.value) : null;
    if (token) found.push(unwrapExpression(token) ?? token);
  }
  for (const call of findManagementHttpCalls(j, root)) if (call.bearerToken) found.push(call.bearerToken);
  return found;
}

/** Storage keys read (directly or through a local) by the Management API credential expressions. */
export function managementStorageKeys(j: JSCodeshift, root: Collection, bindings: Auth0Bindings): string[] {
  const constants = constantInitialisers(j, root);
  const keys = new Set<string>();
  for (const expression of findManagementTokenExpressions(j, root, bindings)) {
    let n: AnyNode | null = expression;
    for (let depth = 0; n && n.type === 'Identifier' && depth < 4; depth++) n = constants.get(n.name as string) ?? null;
    while (n && n.type === 'LogicalExpression') n = unwrapExpression(n.left);
    const read = storageRead(n);
    if (read) keys.add(read.key);
  }
  return [...keys];
}
