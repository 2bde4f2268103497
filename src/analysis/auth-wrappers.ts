import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf, perTree, treeSlot } from '../ast/node-index';
import { asNode, type AnyNode, memberPropertyName, objectProperties, propertyName, propertyValue, stringValue, unwrapExpression } from '../ast/nodes';
import { bearerTokenOf, constantInitialisers, constantsAt, literalMethod, managementPath, urlPattern } from './management-calls';
import { MANAGEMENT_RESOURCE } from './management-credentials';
import { matchEndpoint } from '../catalog/scopes';
import { childNodes, isFunctionNode } from './scope';

/**
 * Code that puts a token on other code's requests, so the requests' URLs decide whether that
 * token goes to the Management API:
 *
 *   function fetchAsUser(url, init) { … Authorization: 'Bearer ' + token … return fetch(url, …); }
 *   axios.interceptors.request.use((config) => { config.headers.Authorization = 'Bearer ' + t; … });
 *   api.interceptors.request.use(…)                       (an axios.create instance named api)
 *   $httpProvider.interceptors.push(() => ({ request(config) { config.headers.Authorization = … } }))
 *
 * A wrapper is named by what its callers call: the function's name, or the client (`axios`,
 * `api`, `$http`) whose requests the interceptor signs.
 */

export interface AuthWrapper {
  /** The name callers use: a function, or a request client. */
  name: string;
  kind: 'function' | 'interceptor';
  /** The expression after `Bearer `. */
  token: AnyNode;
  /** For functions: which argument is the URL. */
  urlParameter?: number;
  /** For interceptors: the call that registers it (`axios.interceptors.request.use(…)`). */
  at?: AnyNode;
}

const HTTP_FUNCTIONS = new Set(['fetch', 'axios', 'request', 'ajax', 'superagent']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'request', 'ajax']);

const WRAPPERS = treeSlot<readonly AuthWrapper[]>('auth wrappers');

/** Every wrapper the file defines. Computed once per tree; read the list, never change it. */
export function findAuthWrappers(j: JSCodeshift, root: Collection): readonly AuthWrapper[] {
  return perTree(root, WRAPPERS, () => [...functionWrappers(j, root), ...interceptors(j, root)]);
}

/** Functions that send a parameter as a request's URL with a Bearer header of their own. */
function functionWrappers(j: JSCodeshift, root: Collection): AuthWrapper[] {
  const found: AuthWrapper[] = [];
  const consider = (name: string | undefined, fn: AnyNode | null | undefined): void => {
    if (!name || !fn || !isFunctionNode(fn)) return;
    const params = (fn.params as unknown[]).map((p) => asNode(p));
    const token = bearerIn(fn);
    if (!token) return;
    for (const call of callsIn(fn)) {
      const url = requestUrl(call);
      const index = url?.type === 'Identifier' ? params.findIndex((p) => p?.type === 'Identifier' && p.name === url.name) : -1;
      if (index !== -1) {
        found.push({ name, kind: 'function', token, urlParameter: index });
        return;
      }
    }
  };
  nodesOf(j, root, j.FunctionDeclaration).forEach((path) => consider(asNode(path.node.id)?.name as string | undefined, path.node as unknown as AnyNode));
  nodesOf(j, root, j.VariableDeclarator).forEach((path) => {
    const id = asNode(path.node.id);
    consider(id?.type === 'Identifier' ? (id.name as string) : undefined, unwrapExpression(path.node.init));
  });
  return found;
}

/** `x.interceptors.request.use(fn)` and `$httpProvider.interceptors.push(fn)` that set a Bearer header. */
function interceptors(j: JSCodeshift, root: Collection): AuthWrapper[] {
  const found: AuthWrapper[] = [];
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const node = path.node as unknown as AnyNode;
    const callee = unwrapExpression(node.callee);
    const method = memberPropertyName(callee);
    const owner = unwrapExpression(callee?.object);
    let client: string | undefined;
    if (method === 'use' && memberPropertyName(owner) === 'request' && memberPropertyName(unwrapExpression(owner?.object)) === 'interceptors') {
      const target = unwrapExpression(unwrapExpression(owner?.object)?.object);
      client = target?.type === 'Identifier' ? (target.name as string) : memberPropertyName(target);
    } else if (method === 'push' && memberPropertyName(owner) === 'interceptors' && unwrapExpression(owner?.object)?.name === '$httpProvider') {
      client = '$http';
    }
    if (!client) return;
    const token = (node.arguments as unknown[]).map((a) => unwrapExpression(a)).map((a) => (a ? bearerIn(a) : undefined)).find(Boolean);
    if (token) found.push({ name: client, kind: 'interceptor', token, at: node });
  });
  // Angular's HttpInterceptor: `intercept(req, next) { return next.handle(req.clone({ setHeaders:
  // { Authorization: 'Bearer ' + t } })) }` signs every request of the app's HttpClient.
  for (const type of [j.ClassDeclaration, j.ClassExpression] as const) {
    nodesOf(j, root, type as typeof j.ClassDeclaration).forEach((path) => {
      const body = ((asNode(path.node.body)?.body as unknown[] | undefined) ?? []).map(asNode);
      const intercept = body.find((member) => member && CLASS_METHODS.has(member.type) && asNode(member.key)?.name === 'intercept');
      const token = intercept ? (bearerIn(intercept) ?? bearerOfHeaderSet(intercept)) : undefined;
      if (token) found.push({ name: ANGULAR_HTTP_CLIENT, kind: 'interceptor', token, at: path.node as unknown as AnyNode });
    });
  }
  return found;
}

/** The client an Angular HttpInterceptor signs, as signers name it. */
export const ANGULAR_HTTP_CLIENT = 'HttpClient';
const CLASS_METHODS = new Set(['ClassMethod', 'MethodDefinition']);

/** The token of `headers.set('Authorization', 'Bearer ' + t)` inside `scope`. */
function bearerOfHeaderSet(scope: AnyNode): AnyNode | undefined {
  const stack: AnyNode[] = [scope];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'CallExpression' && memberPropertyName(unwrapExpression(node.callee)) === 'set') {
      const [name, value] = node.arguments as unknown[];
      const token = stringValue(unwrapExpression(name))?.toLowerCase() === 'authorization' ? bearerTokenOf(value) : undefined;
      if (token) return token;
    }
    stack.push(...childNodes(node));
  }
  return undefined;
}

/** The token of the first `Authorization: 'Bearer ' + t` (property or assignment) inside `scope`. */
function bearerIn(scope: AnyNode): AnyNode | undefined {
  const stack: AnyNode[] = [scope];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if ((node.type === 'ObjectProperty' || node.type === 'Property') && propertyName(node)?.toLowerCase() === 'authorization') {
      const token = bearerTokenOf(node.value);
      if (token) return token;
    }
    if (node.type === 'AssignmentExpression' && memberPropertyName(unwrapExpression(node.left))?.toLowerCase() === 'authorization') {
      const token = bearerTokenOf(node.right);
      if (token) return token;
    }
    if (node.type === 'CallExpression' && memberPropertyName(unwrapExpression(node.callee)) === 'set') {
      // headers.set('Authorization', 'Bearer ' + t), superagent's .set(…)
      const [name, value] = (node.arguments as unknown[]).map((a) => unwrapExpression(a));
      const token = stringValue(name)?.toLowerCase() === 'authorization' ? bearerTokenOf(value) : undefined;
      if (token) return token;
    }
    stack.push(...childNodes(node).reverse());
  }
  return undefined;
}

function callsIn(scope: AnyNode): AnyNode[] {
  const calls: AnyNode[] = [];
  const stack: AnyNode[] = [scope];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'CallExpression') calls.push(node);
    stack.push(...childNodes(node));
  }
  return calls;
}

/** The URL a request call sends to: `fetch(url)`, `axios.get(url)`, `$.ajax({ url })`, `axios({ url })`. */
export function requestUrl(call: AnyNode): AnyNode | null {
  const callee = unwrapExpression(call.callee);
  const name = callee?.type === 'Identifier' ? (callee.name as string) : memberPropertyName(callee);
  if (!name || (!HTTP_FUNCTIONS.has(name) && !HTTP_METHODS.has(name))) return null;
  const first = unwrapExpression((call.arguments as unknown[])[0]);
  if (first?.type === 'ObjectExpression') return unwrapExpression(propertyValue(first, 'url') ?? propertyValue(first, 'uri'));
  return first;
}

/**
 * A function wrapper as the package knows it: `fetchAsUser#0` is a function named fetchAsUser that
 * sends its first argument as the URL of a request it signs itself (a file's facts carry these, so
 * a call in another file of the package is seen for what it is).
 */
export function wrapperRefs(wrappers: readonly AuthWrapper[]): string[] {
  return wrappers.filter((w) => w.kind === 'function' && w.urlParameter !== undefined).map((w) => `${w.name}#${w.urlParameter ?? 0}`);
}

/**
 * Code that signs every request of a client with a token of its own, whatever its URL:
 *
 *   $.ajaxSetup({ beforeSend: function (xhr) { xhr.setRequestHeader('Authorization', …); } })
 *   $.ajaxSetup({ headers: { Authorization: … } })
 *   axios.interceptors.request.use(…), $httpProvider.interceptors.push(…)   (see interceptors())
 *
 * A Management API call of that client with no Authorization header of its own gets that token.
 */
export interface RequestSigner {
  /** `jquery` for $.ajaxSetup; else the client the interceptor signs (`axios`, `api`, `$http`). */
  client: string;
  how: 'beforeSend' | 'headers' | 'interceptor';
  /** The `$.ajaxSetup(…)` or interceptor registration; absent when it is in another file. */
  at?: AnyNode;
}

const JQUERY = new Set(['$', 'jQuery']);

export function findRequestSigners(j: JSCodeshift, root: Collection): readonly RequestSigner[] {
  // The package scan and the management-token transform read the same tree: found once for both.
  return perTree(root, SIGNERS, () => collectRequestSigners(j, root));
}

const SIGNERS = treeSlot<readonly RequestSigner[]>('request signers');

function collectRequestSigners(j: JSCodeshift, root: Collection): RequestSigner[] {
  const signers: RequestSigner[] = findAuthWrappers(j, root)
    .filter((w) => w.kind === 'interceptor')
    .map((w) => ({ client: w.name, how: 'interceptor' as const, ...(w.at ? { at: w.at } : {}) }));
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const node = path.node as unknown as AnyNode;
    const callee = unwrapExpression(node.callee);
    const owner = unwrapExpression(callee?.object);
    if (memberPropertyName(callee) !== 'ajaxSetup' || owner?.type !== 'Identifier' || !JQUERY.has(owner.name as string)) return;
    const settings = unwrapExpression((node.arguments as unknown[])[0]);
    if (settings?.type !== 'ObjectExpression') return;
    const headers = unwrapExpression(propertyValue(settings, 'headers'));
    const beforeSend = objectProperties(settings).find((p) => propertyName(p) === 'beforeSend');
    // Any Authorization header counts: whatever its form, the call gets the setup's token.
    if (headers?.type === 'ObjectExpression' && objectProperties(headers).some((p) => propertyName(p)?.toLowerCase() === 'authorization')) {
      signers.push({ client: 'jquery', how: 'headers', at: node });
    } else if (beforeSend && setsAuthorizationHeader(beforeSend)) {
      signers.push({ client: 'jquery', how: 'beforeSend', at: node });
    }
  });
  return signers;
}

/** True when `xhr.setRequestHeader('Authorization', …)` is called inside `scope`. */
function setsAuthorizationHeader(scope: AnyNode): boolean {
  return callsIn(scope).some((call) => {
    const name = memberPropertyName(unwrapExpression(call.callee));
    return name === 'setRequestHeader' && stringValue(unwrapExpression((call.arguments as unknown[])[0]))?.toLowerCase() === 'authorization';
  });
}

/**
 * Signers as the package knows them (`signer:jquery:beforeSend`, `signer:axios:interceptor`), so a
 * call in another file is seen to be signed. They carry no `#`: findWrapperManagementCalls skips them.
 */
export function signerRefs(signers: readonly RequestSigner[]): string[] {
  return signers.map((s) => `signer:${s.client}:${s.how}`);
}

/** The signers named by package refs (their place unknown: another file). */
export function signersOfRefs(refs: readonly string[]): RequestSigner[] {
  const out: RequestSigner[] = [];
  for (const ref of refs) {
    const match = /^signer:(.+):(beforeSend|headers|interceptor)$/.exec(ref);
    if (match) out.push({ client: match[1], how: match[2] as RequestSigner['how'] });
  }
  return out;
}

/**
 * The signer whose token a request call without an Authorization header of its own gets:
 * `$.ajax`/`$.get`/`jQuery.post` → $.ajaxSetup; `axios(…)`, `axios.patch(…)`, `api.get(…)`, `$http(…)` → the interceptor of that client;
 * `this.http.get(…)` → an Angular HttpInterceptor.
 */
/** What Angular code names its injected HttpClient (`this.http.get(…)`, `this.httpClient.post(…)`). */
const ANGULAR_HTTP = /^_?http(Client)?$/i;

export function signerOfCall(call: AnyNode, signers: readonly RequestSigner[]): RequestSigner | undefined {
  const callee = unwrapExpression(call.callee);
  const base = callee?.type === 'Identifier' ? callee : unwrapExpression(callee?.object);
  const name = base?.type === 'Identifier' ? (base.name as string) : memberPropertyName(base);
  if (!name) return undefined;
  const client = JQUERY.has(name) ? 'jquery' : ANGULAR_HTTP.test(name) ? ANGULAR_HTTP_CLIENT : name;
  return signers.find((s) => s.client === client);
}

export interface WrapperManagementCall {
  path: ASTPath;
  /** The wrapper's name. */
  wrapper: string;
  /** The endpoint's catalog id, when the guide lists it. */
  endpoint?: string;
}

/**
 * Calls of the given wrappers (`name#urlParameter`) whose URL is a Management API users or
 * device-credentials URL on an absolute host: `fetchAsUser('https://' + domain + '/api/v2/users/' + id)`.
 * The wrapper signs them with a token of its own, so they are Management calls the wrapper's token decides.
 */
export function findWrapperManagementCalls(j: JSCodeshift, root: Collection, refs: readonly string[]): WrapperManagementCall[] {
  if (refs.length === 0) return [];
  const urlIndex = new Map<string, number>();
  for (const ref of refs) {
    const at = ref.lastIndexOf('#');
    if (at > 0) urlIndex.set(ref.slice(0, at), Number(ref.slice(at + 1)));
  }
  const constants = constantInitialisers(j, root);
  const found: WrapperManagementCall[] = [];
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    const name = callee?.type === 'Identifier' ? (callee.name as string) : undefined;
    const index = name === undefined ? undefined : urlIndex.get(name);
    if (name === undefined || index === undefined) return;
    const args = (path.node.arguments as unknown[]).map((a) => unwrapExpression(a));
    const pattern = urlPattern(args[index], constantsAt(j, root, path, constants));
    if (pattern === undefined || pattern.indexOf('/api/v2/') <= 0) return;
    const apiPath = managementPath(pattern);
    if (apiPath === undefined || !MANAGEMENT_RESOURCE.test(apiPath)) return;
    const init = args[index + 1];
    const method = literalMethod(init?.type === 'ObjectExpression' ? init : undefined) ?? 'GET';
    const endpoint = matchEndpoint(method, apiPath)?.id;
    found.push({ path, wrapper: name, ...(endpoint ? { endpoint } : {}) });
  });
  return found;
}

/** Object literal keys of a config, for callers that pass `{ url }`. */
export function hasUrlKey(node: AnyNode | null): boolean {
  return !!node && node.type === 'ObjectExpression' && objectProperties(node).some((p) => propertyName(p) === 'url' || propertyName(p) === 'uri');
}
