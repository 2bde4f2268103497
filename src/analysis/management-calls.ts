import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { type EndpointSpec, MANAGEMENT_METHODS, matchEndpoint } from '../catalog/scopes';
import { nodesOf, perTree, treeSlot } from '../ast/node-index';
import { type AnyNode, asNode, CLASS_FIELD_TYPES, CLASS_METHOD_TYPES, keyName, memberPropertyName, objectProperties, propertyName, propertyValue, stringValue, unwrapExpression } from '../ast/nodes';
import { type Auth0Bindings, type Auth0Class, classOfCallee, findConstructions } from './auth0-bindings';
import { type BoundValue, boundValue, declaringScope } from './local-values';

/**
 * The Management API calls a file makes:
 *  - methods of auth0.js `auth0.Management` (getUser, patchUserMetadata, patchUserAttributes, linkUser)
 *    on an instance reached directly, through a variable, a `this.x` field, a factory function
 *    that returns one, or a receiver whose name says it is one (`auth0Manage`, `mgmt`);
 *  - node-auth0 `ManagementClient` user methods;
 *  - raw HTTP calls (fetch, axios, $.ajax, $http, request, superagent, XHR) to `/api/v2/users…` and
 *    `/api/v2/device-credentials…`.
 */

/** node-auth0 v2 `ManagementClient` methods that reach the guide's endpoints. */
export const NODE_MANAGEMENT_METHODS: Readonly<Record<string, string>> = {
  getUser: 'GET /api/v2/users/{id}',
  updateUser: 'PATCH /api/v2/users/{id}',
  updateUserMetadata: 'PATCH /api/v2/users/{id}',
  linkUsers: 'POST /api/v2/users/{id}/identities',
  unlinkUsers: 'DELETE /api/v2/users/{id}/identities/{provider}/{user_id}',
  getGuardianEnrollments: 'GET /api/v2/users/{id}/enrollments',
  deleteUserMultifactor: 'DELETE /api/v2/users/{id}/multifactor/{provider}',
  // node-auth0 v2 spells it this way.
  deleteUserMultifcator: 'DELETE /api/v2/users/{id}/multifactor/{provider}',
  createDevicePublicKey: 'POST /api/v2/device-credentials',
  deleteDeviceCredential: 'DELETE /api/v2/device-credentials/{id}',
};

const MANAGEMENT_NAME = /manage|mgmt/i;

export interface ManagementInstances {
  /** Variables holding an instance. */
  identifiers: Set<string>;
  /** Fields (`this.x`, `obj.x`, class properties) holding an instance. */
  members: Set<string>;
  /** Functions and methods that return an instance. */
  factories: Set<string>;
  /** Whether any instance is node-auth0's ManagementClient (its method names differ). */
  hasNodeClient: boolean;
}

export interface ManagementMethodCall {
  path: ASTPath;
  method: string;
  endpoint: string;
}

/** Per tree and bindings object (callers pass the tree's own): the scan and management-token both ask. */
const INSTANCES = treeSlot<Map<Auth0Bindings, ManagementInstances>>('management instances');

/** Where `new auth0.Management(…)` / `new ManagementClient(…)` results are kept in this file. Read it, never change it. */
export function findManagementInstances(j: JSCodeshift, root: Collection, bindings: Auth0Bindings): ManagementInstances {
  const byBindings = perTree(root, INSTANCES, () => new Map<Auth0Bindings, ManagementInstances>());
  let instances = byBindings.get(bindings);
  if (!instances) {
    instances = collectManagementInstances(j, root, bindings);
    byBindings.set(bindings, instances);
  }
  return instances;
}

function collectManagementInstances(j: JSCodeshift, root: Collection, bindings: Auth0Bindings): ManagementInstances {
  const instances: ManagementInstances = { identifiers: new Set(), members: new Set(), factories: new Set(), hasNodeClient: false };
  for (const { path, className } of findConstructions(j, root, bindings, ['Management', 'ManagementClient'])) {
    if (className === 'ManagementClient') instances.hasNodeClient = true;
    recordHolder(path, instances);
  }
  return instances;
}

function recordHolder(path: ASTPath, instances: ManagementInstances): void {
  let current: ASTPath = path;
  // Skip wrappers that keep the value: `(new X())`, `x as Management`, `await`.
  while (current.parent && ['ParenthesizedExpression', 'TSAsExpression', 'AwaitExpression'].includes(current.parent.node.type)) {
    current = current.parent;
  }
  const parent = current.parent as ASTPath | null;
  if (!parent) return;
  const p = parent.node as unknown as AnyNode;
  if (p.type === 'VariableDeclarator') {
    const id = asNode(p.id);
    if (id?.type === 'Identifier') instances.identifiers.add(id.name as string);
  } else if (p.type === 'AssignmentExpression') {
    const left = asNode(p.left);
    if (left?.type === 'Identifier') instances.identifiers.add(left.name as string);
    const member = memberPropertyName(left);
    if (member) instances.members.add(member);
  } else if (CLASS_FIELD_TYPES.has(p.type) || p.type === 'Property' || p.type === 'ObjectProperty') {
    const key = propertyKey(p);
    if (key) instances.members.add(key);
  } else if (p.type === 'ReturnStatement' || p.type === 'ArrowFunctionExpression') {
    const name = enclosingFunctionName(parent);
    if (name) instances.factories.add(name);
  }
}

function propertyKey(node: AnyNode): string | undefined {
  return keyName(node.key);
}

function enclosingFunctionName(path: ASTPath): string | undefined {
  let current: ASTPath | null = path;
  while (current) {
    const n = current.node as unknown as AnyNode;
    if (n.type === 'FunctionDeclaration') return (asNode(n.id)?.name as string | undefined) ?? undefined;
    if (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      const parent = current.parent?.node as unknown as AnyNode | undefined;
      if (!parent) return undefined;
      if (parent.type === 'VariableDeclarator') return asNode(parent.id)?.name as string | undefined;
      if (parent.type === 'AssignmentExpression') return memberPropertyName(parent.left) ?? (asNode(parent.left)?.name as string | undefined);
      if (['Property', 'ObjectProperty', 'MethodDefinition'].includes(parent.type) || CLASS_FIELD_TYPES.has(parent.type)) return propertyKey(parent);
      return undefined;
    }
    if (CLASS_METHOD_TYPES.has(n.type) || n.type === 'ObjectMethod') return propertyKey(n);
    current = current.parent;
  }
  return undefined;
}

/** True when an expression evaluates to a Management instance, by the file's own evidence or by its name. */
export function isManagementReceiver(node: unknown, instances: ManagementInstances, bindings: Auth0Bindings): boolean {
  const n = unwrapExpression(node);
  if (!n) return false;
  if (n.type === 'NewExpression') return managementClassOf(bindings, n) !== undefined;
  if (n.type === 'Identifier') {
    const name = n.name as string;
    return instances.identifiers.has(name) || MANAGEMENT_NAME.test(name);
  }
  const member = memberPropertyName(n);
  if (member) return instances.members.has(member) || MANAGEMENT_NAME.test(member);
  if (n.type === 'CallExpression') {
    const callee = unwrapExpression(n.callee);
    const name = callee?.type === 'Identifier' ? (callee.name as string) : memberPropertyName(callee);
    return !!name && (instances.factories.has(name) || (MANAGEMENT_NAME.test(name) && /^get|^create|^new|Client$/i.test(name)));
  }
  return false;
}

function managementClassOf(bindings: Auth0Bindings, node: AnyNode): Auth0Class | undefined {
  const cls = classOfCallee(bindings, node.callee);
  return cls === 'Management' || cls === 'ManagementClient' ? cls : undefined;
}

/** Method calls on Management instances, with the endpoint each reaches. */
export function findManagementMethodCalls(
  j: JSCodeshift,
  root: Collection,
  bindings: Auth0Bindings,
  instances: ManagementInstances = findManagementInstances(j, root, bindings),
): ManagementMethodCall[] {
  const calls: ManagementMethodCall[] = [];
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    const method = memberPropertyName(callee);
    if (!method || !callee) return;
    const endpoint = MANAGEMENT_METHODS[method] ?? (instances.hasNodeClient ? NODE_MANAGEMENT_METHODS[method] : undefined);
    if (!endpoint) return;
    if (!isManagementReceiver(callee.object, instances, bindings)) return;
    calls.push({ path, method, endpoint });
  });
  return calls;
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP calls

export interface ManagementHttpCall {
  path: ASTPath;
  httpMethod: string;
  /** `/users/{}/identities`-style path after `/api/v2`. */
  apiPath: string;
  endpoint: EndpointSpec | undefined;
  url: AnyNode;
  /** The URL as urlPattern reads it where the call is. */
  pattern: string;
  /** The request options / config object literal (headers, body, data…), when there is one. */
  config?: AnyNode;
  /** The variable `config` is declared in, when the call names a variable rather than an object literal. */
  configVariable?: string;
  /** The expression after `Bearer ` in the Authorization header, when it can be found. */
  bearerToken?: AnyNode;
  /** The Authorization header's value node. */
  authorization?: AnyNode;
}

const VERBS: Record<string, string> = { get: 'GET', post: 'POST', patch: 'PATCH', put: 'PUT', delete: 'DELETE', del: 'DELETE' };

const HTTP_CALLS = treeSlot<readonly ManagementHttpCall[]>('management http calls');

/**
 * Raw HTTP requests to the Management API endpoints of the guide, with their Bearer token.
 * Computed once per tree (the scan, token tracing and management-token all ask); read the list,
 * never change it.
 */
export function findManagementHttpCalls(j: JSCodeshift, root: Collection): readonly ManagementHttpCall[] {
  return perTree(root, HTTP_CALLS, () => collectManagementHttpCalls(j, root));
}

function collectManagementHttpCalls(j: JSCodeshift, root: Collection): ManagementHttpCall[] {
  const constants = constantInitialisers(j, root);
  const calls: ManagementHttpCall[] = [];
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const node = path.node as unknown as AnyNode;
    const args = (node.arguments as unknown[]).map((a) => unwrapExpression(a));
    const callee = unwrapExpression(node.callee);
    const calleeName = callee?.type === 'Identifier' ? (callee.name as string) : memberPropertyName(callee);
    if (!calleeName) return;

    // Options held in a variable (`var options = {…}; request(options, cb)`) are the same request
    // as the literal written at the call: read them where they are declared, and read the names
    // inside them from there too (`var url` in another function is another variable).
    const held = new Map<AnyNode, BoundValue>();
    const objectOf = (arg: AnyNode | null | undefined): AnyNode | undefined => {
      if (arg?.type === 'ObjectExpression') return arg;
      const bound = arg?.type === 'Identifier' ? boundValue(j, root, path, arg.name as string) : undefined;
      if (bound?.init.type !== 'ObjectExpression') return undefined;
      held.set(bound.init, bound);
      return bound.init;
    };

    let urlNode: AnyNode | null = null;
    let httpMethod: string | undefined;
    let config: AnyNode | undefined;

    const [first, second, third] = args;
    const firstObject = objectOf(first);
    if (calleeName === 'fetch') {
      urlNode = first;
      config = objectOf(second);
      httpMethod = literalMethod(config) ?? 'GET';
    } else if (calleeName === 'open' && stringValue(first) !== undefined && second) {
      urlNode = second;
      httpMethod = (stringValue(first) as string).toUpperCase();
    } else if (VERBS[calleeName] && first && !firstObject) {
      urlNode = first;
      httpMethod = VERBS[calleeName];
      config = objectOf(httpMethod === 'GET' || httpMethod === 'DELETE' ? second : third);
    } else if (firstObject && requestUrlOf(firstObject)) {
      // $.ajax({ url, type }), $http({ method, url }), axios({ method, url }), request({ uri }),
      // request.post({ url, form }): the verb of the method called is the default.
      config = firstObject;
      urlNode = requestUrlOf(firstObject) ?? null;
      httpMethod = literalMethod(firstObject) ?? VERBS[calleeName] ?? 'GET';
    } else if (calleeName === 'ajax' && first && objectOf(second)) {
      urlNode = first;
      config = objectOf(second);
      httpMethod = literalMethod(config) ?? 'GET';
    }
    if (!urlNode || !httpMethod) return;
    const declared = config ? held.get(config) : undefined;
    const urlIsInConfig = !!config && requestUrlOf(config) === urlNode;
    const pattern = urlPattern(urlNode, constantsAt(j, root, declared && urlIsInConfig ? declared.declarator : path, constants));
    if (pattern === undefined) return;
    const apiPath = managementPath(pattern);
    if (apiPath === undefined) return;
    const authorization = config ? headerValue(config, 'authorization') : undefined;
    calls.push({
      path,
      httpMethod,
      apiPath,
      endpoint: matchEndpoint(httpMethod, apiPath),
      url: urlNode,
      pattern,
      config,
      ...(declared ? { configVariable: declared.name } : {}),
      authorization,
      bearerToken: authorization ? bearerTokenOf(authorization) : undefined,
    });
  });
  return calls;
}

/** The URL of a request options object: `url` (fetch-likes, jQuery, axios, $http) or `uri` (request). */
function requestUrlOf(config: AnyNode): AnyNode | undefined {
  return unwrapExpression(propertyValue(config, 'url') ?? propertyValue(config, 'uri')) ?? undefined;
}

export function literalMethod(config: AnyNode | undefined): string | undefined {
  if (!config) return undefined;
  const value = stringValue(propertyValue(config, 'method')) ?? stringValue(propertyValue(config, 'type'));
  return value?.toUpperCase();
}

/** The value of a header (case-insensitive) in `config.headers`. */
export function headerValue(config: AnyNode, name: string): AnyNode | undefined {
  const headers = unwrapExpression(propertyValue(config, 'headers'));
  if (!headers || headers.type !== 'ObjectExpression') return undefined;
  for (const prop of objectProperties(headers)) {
    if (propertyName(prop)?.toLowerCase() === name) return asNode(prop.value) ?? undefined;
  }
  return undefined;
}

/** `'Bearer ' + x` → x; `` `Bearer ${x}` `` → x; `'Bearer ' + x + ''` is not recognised. */
export function bearerTokenOf(value: unknown): AnyNode | undefined {
  const v = unwrapExpression(value);
  if (!v) return undefined;
  if (v.type === 'BinaryExpression' && v.operator === '+') {
    const left = stringValue(v.left);
    if (left !== undefined && /^bearer\s+$/i.test(left)) return unwrapExpression(v.right) ?? undefined;
  }
  if (v.type === 'TemplateLiteral') {
    const quasis = v.quasis as { value: { cooked: string | null } }[];
    const expressions = v.expressions as AnyNode[];
    if (expressions.length === 1 && /^bearer\s+$/i.test(quasis[0].value.cooked ?? '') && (quasis[1].value.cooked ?? '') === '') {
      return unwrapExpression(expressions[0]) ?? undefined;
    }
  }
  return undefined;
}

const CONSTANTS = treeSlot<ReadonlyMap<string, AnyNode>>('constant initialisers');

/**
 * Names bound once, by `const`/`let`/`var` with an initialiser, to their initialiser. Computed
 * once per tree: every scope and audience option read asks for it. Read it, never change it.
 */
export function constantInitialisers(j: JSCodeshift, root: Collection): ReadonlyMap<string, AnyNode> {
  return perTree(root, CONSTANTS, () => collectConstantInitialisers(j, root));
}

function collectConstantInitialisers(j: JSCodeshift, root: Collection): Map<string, AnyNode> {
  const seen = new Map<string, AnyNode | null>();
  nodesOf(j, root, j.VariableDeclarator).forEach((path) => {
    const id = asNode(path.node.id);
    if (id?.type !== 'Identifier') return;
    const name = id.name as string;
    const init = unwrapExpression(path.node.init);
    seen.set(name, seen.has(name) || !init ? null : init);
  });
  const out = new Map<string, AnyNode>();
  for (const [name, init] of seen) if (init) out.set(name, init);
  return out;
}

/** What a name stands for: the file's constants, or a lookup that also knows scopes (constantsAt). */
export interface ConstantLookup {
  get(name: string): AnyNode | undefined;
}

/**
 * The file's constants, and where a name is declared more than once in the file (`var url` in two
 * functions), the declaration `at` sees, bound once and never reassigned.
 */
export function constantsAt(j: JSCodeshift, root: Collection, at: ASTPath, constants: ReadonlyMap<string, AnyNode>): ConstantLookup {
  return {
    get: (name) => {
      // A parameter (or function, import, catch binding) of that name shadows any constant.
      const binding = declaringScope(at, name)?.getBindings()[name]?.[0] as ASTPath | undefined;
      if (binding && asNode(binding.parent?.node)?.type !== 'VariableDeclarator') return undefined;
      return constants.get(name) ?? boundValue(j, root, at, name)?.init;
    },
  };
}

/**
 * A URL expression as text with every dynamic part written `{}`:
 * `'https://' + DOMAIN + '/api/v2/users/' + id` → `https://{}/api/v2/users/{}`.
 * Identifiers bound once to a string expression are followed (one level per name).
 */
export function urlPattern(node: unknown, constants: ConstantLookup, seen: Set<string> = new Set()): string | undefined {
  const n = unwrapExpression(node);
  if (!n) return undefined;
  const literal = stringValue(n);
  if (literal !== undefined) return literal;
  if (n.type === 'TemplateLiteral') {
    const quasis = n.quasis as { value: { cooked: string | null; raw: string } }[];
    const expressions = n.expressions as AnyNode[];
    let out = '';
    quasis.forEach((q, i) => {
      out += q.value.cooked ?? q.value.raw;
      if (i < expressions.length) out += urlPattern(expressions[i], constants, seen) ?? '{}';
    });
    return out;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const left = urlPattern(n.left, constants, seen);
    const right = urlPattern(n.right, constants, seen);
    if (left === undefined && right === undefined) return undefined;
    return (left ?? '{}') + (right ?? '{}');
  }
  if (n.type === 'Identifier' && !seen.has(n.name as string)) {
    const init = constants.get(n.name as string);
    if (!init) return undefined;
    seen.add(n.name as string);
    return urlPattern(init, constants, seen);
  }
  if (n.type === 'CallExpression') {
    // url.concat(...), [a, b].join('/') are rare; anything else is a dynamic value.
    return undefined;
  }
  return undefined;
}

const KNOWN_SEGMENTS = new Set(['users', 'users-by-email', 'identities', 'enrollments', 'multifactor', 'device-credentials']);

/** The normalised path after `/api/v2` (`/users/{}/identities`), or undefined when the URL is elsewhere. */
export function managementPath(pattern: string): string | undefined {
  const at = pattern.indexOf('/api/v2/');
  if (at === -1) return undefined;
  const rest = pattern.slice(at + '/api/v2'.length).split(/[?#]/)[0];
  const segments = rest
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (KNOWN_SEGMENTS.has(s) ? s : '{}'));
  return `/${segments.join('/')}`;
}
