import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf } from '../ast/node-index';
import { textOf } from '../ast/edits';
import { type AnyNode, asNode, CLASS_FIELD_TYPES, findProperty, isStringLiteral, keyName, memberPropertyName, propertyValue, stringValue, unwrapExpression } from '../ast/nodes';
import { type ExpressionPiece, type StringPiece, isStringExpression, stringPieces, templateText } from '../ast/string-parts';
import { concatenation, evaluatesDifferently } from '../ast/audience';
import { usesModernSyntax } from '../ast/syntax';
import { normaliseHost } from '../catalog/audience';
import type { FindingCause } from '../catalog/findings';
import { type Auth0Bindings, type Auth0Class, findAuth0Bindings, findConstructions } from './auth0-bindings';
import { type BoundValue, boundValue, boundValueOf, declaringScope, isMutatedAfterwards, isPortable } from './local-values';

/**
 * Requests for tokens at Auth0's Authentication API that a Management API migration has to look
 * at, in source order:
 *
 *  - HTTP requests to `/oauth/token` (and the legacy `/oauth/ro`) sent by fetch, axios (calls,
 *    configs, `axios.create` instances), request / request-promise, jQuery, superagent and anything
 *    shaped like them, with the body they send;
 *  - auth0.js `client.login` / `client.loginWithDefaultDirectory` (on a WebAuth's `client` or an
 *    `auth0.Authentication`), and node-auth0 `passwordGrant` / `oauth.passwordGrant`, with the
 *    client construction whose domain (and, for auth0.js, default audience and scope) applies;
 *  - calls of methods that cannot carry an audience at all (pitfall 7 of the API reference):
 *    `/oauth/ro`, `loginWithResourceOwner`, node-auth0 `signIn`, `getDelegationToken`,
 *    `renewIdToken`, `client.delegation`.
 */

export type TokenEndpoint = 'token' | 'ro';

/** The scheme-and-host part of a token request's URL. */
export type Origin =
  /** Every character is known: `https://acme.auth0.com`. */
  | { kind: 'literal'; host: string }
  /**
   * Built from values: `'https://' + DOMAIN`. `template` is the Management API audience as an
   * expression valid at the call (undefined when a value is not in scope there): a template
   * literal, or a concatenation in a file written in plain ES5 (see ast/syntax.ts); `host` is
   * the host's text when every value is a string constant.
   */
  | { kind: 'expression'; template: string | undefined; host?: string; computedBy?: string }
  /** A path on the page's own origin (`/oauth/token`): the app's server, not a tenant. */
  | { kind: 'relative' }
  /** The endpoint sits below some path (`https://api.example.com/auth/oauth/token`). */
  | { kind: 'elsewhere' };

export type RequestBody =
  /** An object literal (JSON, `URLSearchParams({…})`, `qs.stringify({…})`, axios/jQuery/request data). */
  | { kind: 'object'; object: AnyNode; bound?: BoundValue }
  /** A url-encoded string built from literals, templates and `+`. */
  | { kind: 'form'; node: AnyNode; bound?: BoundValue }
  /** `const p = new URLSearchParams(); p.append(k, v); …` */
  | { kind: 'params'; bound: BoundValue; calls: ParamCall[] }
  /** Built somewhere this file does not show, or changed after it is built. */
  | { kind: 'unreadable'; node: AnyNode };

export interface ParamCall {
  key: string;
  keyNode: AnyNode;
  value: AnyNode;
  method: 'append' | 'set';
  statement: ASTPath;
}

export interface HttpTokenRequest {
  kind: 'http';
  call: ASTPath;
  endpoint: TokenEndpoint;
  origin: Origin;
  /** Undefined when the call sends no body at all. */
  body: RequestBody | undefined;
}

/** A client construction (`new auth0.WebAuth({…})`, `new AuthenticationClient({…})`). */
export interface ClientConstruction {
  path: ASTPath;
  className: Auth0Class;
  /** Its options object literal, when it is one (directly or through a local). */
  options: AnyNode | undefined;
  /** Where names inside `options` are resolved. */
  optionsAt: ASTPath;
}

export interface SdkTokenRequest {
  kind: 'sdk';
  library: 'auth0-js' | 'node-auth0';
  call: ASTPath;
  method: 'login' | 'loginWithDefaultDirectory' | 'passwordGrant';
  /** The options argument, unwrapped (maybe an identifier). */
  options: AnyNode | undefined;
  /** The construction of the client the call is made on, when the file shows which. */
  client: ClientConstruction | undefined;
}

export interface LegacyTokenCall {
  kind: 'legacy';
  call: ASTPath;
  message: string;
  cause: Extract<FindingCause, 'resource-owner' | 'delegation' | 'auth0js-v8-popup' | 'passwordless-verify'>;
  /** set when the call is legacy only in this auth0.js major version (it works in later ones) */
  auth0JsMajor?: number;
}

export type TokenRequestSite = HttpTokenRequest | SdkTokenRequest | LegacyTokenCall;

export const LEGACY_MESSAGES = {
  oauthRo:
    "POST /oauth/ro cannot issue a Management API access token: send it to /oauth/token with grant_type 'http://auth0.com/oauth/grant-type/password-realm' (connection becomes realm, drop device), plus audience and scope",
  loginWithResourceOwner:
    'loginWithResourceOwner posts to /oauth/ro, which cannot carry an audience: use client.login({ realm: <connection>, username, password, audience, scope }) instead',
  nodeSignIn: (owner: string): string =>
    `node-auth0 ${owner}.signIn posts to /oauth/ro, which cannot carry an audience: use AuthenticationClient#passwordGrant({ username, password, realm, audience, scope }) instead`,
  passwordlessVerify:
    'popup.passwordlessVerify cannot carry an audience: use webAuth.passwordlessLogin({ connection, email or phoneNumber, verificationCode }), which takes the WebAuth audience and scope',
  loginWithCredentials:
    'auth0.js v8 popup.loginWithCredentials drops the audience: upgrade to auth0.js v9 (or use webAuth.login) so the login can return a Management API access token',
  delegation: (method: string): string =>
    `${method} exchanges an ID token at /delegation, which cannot issue a Management API access token: get it from the login itself (auth0.js v8+ client.login, or node-auth0 passwordGrant) with the Management API audience and scope`,
} as const;

const TOKEN_PATH = /\/oauth\/(token|ro)\/?(?=$|[?#])/;
const PLACEHOLDER = '\u0000';

interface FileContext {
  j: JSCodeshift;
  root: Collection;
  source: string;
  bindings: Auth0Bindings;
  axiosInstances: AxiosInstance[];
  jsClients: ClientConstruction[];
  nodeClients: ClientConstruction[];
  hasAuth0Js: boolean;
  hasNodeAuth0: boolean;
}

const TOKEN_REQUEST_TEXT =
  /\/oauth\/(token|ro)|\b(login|loginWithDefaultDirectory|loginWithResourceOwner|loginWithCredentials|passwordlessVerify|passwordGrant|signIn|getDelegationToken|renewIdToken|delegation)\b/;

/** A cheap text test: a file without any of these words has no token request site. */
export function mayContainTokenRequests(source: string): boolean {
  return TOKEN_REQUEST_TEXT.test(source);
}

/** Every token request site of the file, in source order. */
export function findTokenRequests(
  j: JSCodeshift,
  root: Collection,
  source: string,
  bindings: Auth0Bindings = findAuth0Bindings(j, root),
): TokenRequestSite[] {
  if (!mayContainTokenRequests(source)) return [];
  const file: FileContext = {
    j,
    root,
    source,
    bindings,
    axiosInstances: findAxiosInstances(j, root),
    jsClients: clientConstructions(j, root, bindings, ['WebAuth', 'Authentication']),
    nodeClients: clientConstructions(j, root, bindings, ['AuthenticationClient']),
    hasAuth0Js: importsAny(j, root, ['auth0-js', 'angular-auth0']),
    hasNodeAuth0:
      [...bindings.namespaces.values()].includes('auth0') ||
      [...bindings.classes.values()].some((c) => c === 'AuthenticationClient' || c === 'ManagementClient'),
  };
  if (file.jsClients.length > 0) file.hasAuth0Js = true;
  if (file.nodeClients.length > 0) file.hasNodeAuth0 = true;

  // An HTTP token request spells its endpoint somewhere in the file, if only in a constant.
  const mayRequestTokens = /\/oauth\/(token|ro)/.test(source);
  const sites: TokenRequestSite[] = [];
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const site = sdkSite(file, path) ?? (mayRequestTokens ? httpSite(file, path) : undefined);
    if (site) sites.push(site);
  });
  return sites;
}

// ---------------------------------------------------------------------------------------------
// auth0.js and node-auth0 methods

function sdkSite(file: FileContext, path: ASTPath): SdkTokenRequest | LegacyTokenCall | undefined {
  const node = path.node as unknown as AnyNode;
  const callee = unwrapExpression(node.callee);
  const method = memberPropertyName(callee);
  if (!callee || !method) return undefined;
  const receiver = unwrapExpression(callee.object);
  if (!receiver) return undefined;
  const options = unwrapExpression((node.arguments as unknown[])[0]) ?? undefined;

  if (method === 'loginWithResourceOwner') return { kind: 'legacy', call: path, message: LEGACY_MESSAGES.loginWithResourceOwner, cause: 'resource-owner' };
  // webAuth.popup.passwordlessVerify / loginWithCredentials: auth0.js Popup methods.
  if ((method === 'passwordlessVerify' || method === 'loginWithCredentials') && memberPropertyName(receiver) === 'popup') {
    const owner = unwrapExpression(receiver.object);
    const held = owner ? clientHeldBy(file.jsClients, owner, path) : undefined;
    // Some object's own `popup` helper is not auth0.js's: the owner must be a WebAuth client of
    // the file, be named like one, or be the only candidate in a file that imports auth0.js.
    const namedLikeOne = !!owner && /auth0|webauth/i.test(textOf(file.source, owner as never));
    if (!held && !namedLikeOne && !(file.hasAuth0Js && file.jsClients.length === 0)) return undefined;
    if (method === 'passwordlessVerify') return { kind: 'legacy', call: path, message: LEGACY_MESSAGES.passwordlessVerify, cause: 'passwordless-verify' };
    return { kind: 'legacy', call: path, message: LEGACY_MESSAGES.loginWithCredentials, cause: 'auth0js-v8-popup', auth0JsMajor: 8 };
  }
  // auth0.js v7 renewIdToken also goes through /delegation.
  if (method === 'getDelegationToken' || method === 'renewIdToken') return { kind: 'legacy', call: path, message: LEGACY_MESSAGES.delegation(method), cause: 'delegation' };

  if (method === 'login' || method === 'loginWithDefaultDirectory' || method === 'delegation') {
    const onClient = memberPropertyName(receiver) === 'client';
    const instance = onClient ? unwrapExpression(receiver.object) : receiver;
    if (!instance) return undefined;
    const held = clientHeldBy(file.jsClients, instance, path);
    // `.login` on anything but an Authentication instance is WebAuth#login (cross-origin), not ours.
    if (!onClient && held?.className !== 'Authentication') return undefined;
    if (onClient && !held && !file.hasAuth0Js && !/auth0|webauth/i.test(textOf(file.source, instance as never))) return undefined;
    if (method === 'delegation') return { kind: 'legacy', call: path, message: LEGACY_MESSAGES.delegation('client.delegation'), cause: 'delegation' };
    const client = held ?? (file.jsClients.length === 1 ? file.jsClients[0] : undefined);
    return { kind: 'sdk', library: 'auth0-js', call: path, method, options, client };
  }

  if (method === 'passwordGrant') {
    const instance = memberPropertyName(receiver) === 'oauth' ? unwrapExpression(receiver.object) : receiver;
    const held = instance ? clientHeldBy(file.nodeClients, instance, path) : undefined;
    const client = held ?? (file.nodeClients.length === 1 ? file.nodeClients[0] : undefined);
    return { kind: 'sdk', library: 'node-auth0', call: path, method, options, client };
  }

  if (method === 'signIn' && file.hasNodeAuth0) {
    const owner = memberPropertyName(receiver);
    if (owner === 'database' || owner === 'oauth' || owner === 'passwordless') {
      return { kind: 'legacy', call: path, message: LEGACY_MESSAGES.nodeSignIn(owner), cause: 'resource-owner' };
    }
  }
  return undefined;
}

function clientConstructions(j: JSCodeshift, root: Collection, bindings: Auth0Bindings, classes: readonly Auth0Class[]): ClientConstruction[] {
  return findConstructions(j, root, bindings, classes).map(({ path, className }) => {
    const arg = unwrapExpression((path.node as unknown as AnyNode & { arguments: unknown[] }).arguments[0]);
    if (arg?.type === 'ObjectExpression') return { path, className, options: arg, optionsAt: path };
    const bound = boundValueOf(j, root, path, arg);
    if (bound?.init.type === 'ObjectExpression') return { path, className, options: bound.init, optionsAt: bound.declarator };
    return { path, className, options: undefined, optionsAt: path };
  });
}

/** The construction whose result `receiver` holds: a local, or a `this.x` / `obj.x` field assigned it. */
function clientHeldBy(clients: readonly ClientConstruction[], receiver: AnyNode, at: ASTPath): ClientConstruction | undefined {
  const matches = clients.filter((client) => {
    const holder = holderOf(client.path);
    if (!holder) return false;
    if (holder.kind === 'local') {
      return receiver.type === 'Identifier' && receiver.name === holder.name && declaringScope(at, holder.name) === declaringScope(client.path, holder.name);
    }
    return memberPropertyName(receiver) === holder.name;
  });
  return matches.length === 1 ? matches[0] : undefined;
}

function holderOf(path: ASTPath): { kind: 'local' | 'field'; name: string } | undefined {
  let current: ASTPath = path;
  while (current.parent && ['TSAsExpression', 'ParenthesizedExpression', 'AwaitExpression'].includes(current.parent.node.type)) {
    current = current.parent as ASTPath;
  }
  const parent = asNode(current.parent?.node);
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator') {
    const id = asNode(parent.id);
    return id?.type === 'Identifier' ? { kind: 'local', name: id.name as string } : undefined;
  }
  if (parent.type === 'AssignmentExpression') {
    const left = asNode(parent.left);
    if (left?.type === 'Identifier') return { kind: 'local', name: left.name as string };
    const member = memberPropertyName(left);
    return member ? { kind: 'field', name: member } : undefined;
  }
  if (CLASS_FIELD_TYPES.has(parent.type) || parent.type === 'Property' || parent.type === 'ObjectProperty') {
    const name = keyName(parent.key);
    return name ? { kind: 'field', name } : undefined;
  }
  return undefined;
}

function importsAny(j: JSCodeshift, root: Collection, libraries: readonly string[]): boolean {
  if (nodesOf(j, root, j.ImportDeclaration).filter((p) => libraries.includes(String(p.node.source.value))).length > 0) return true;
  return (
    nodesOf(j, root, j.CallExpression, { callee: { type: 'Identifier', name: 'require' } })
      .filter((p) => libraries.includes(stringValue(p.node.arguments[0]) ?? ''))
      .length > 0
  );
}

// ---------------------------------------------------------------------------------------------
// HTTP requests

interface AxiosInstance {
  holder: { kind: 'local' | 'field'; name: string };
  path: ASTPath;
  baseUrl: AnyNode;
  baseAt: ASTPath;
}

/** `const api = axios.create({ baseURL })` / `this.api = axios.create({…})`. */
function findAxiosInstances(j: JSCodeshift, root: Collection): AxiosInstance[] {
  const axiosNames = new Set(['axios']);
  nodesOf(j, root, j.ImportDeclaration, { source: { value: 'axios' } }).forEach((p) => {
    for (const spec of p.node.specifiers ?? []) if (spec.local?.name) axiosNames.add(String(spec.local.name));
  });
  const instances: AxiosInstance[] = [];
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    const object = unwrapExpression(callee?.object);
    if (memberPropertyName(callee) !== 'create' || object?.type !== 'Identifier' || !axiosNames.has(object.name as string)) return;
    let config = unwrapExpression(path.node.arguments[0]);
    let configAt: ASTPath = path;
    const bound = boundValueOf(j, root, path, config);
    if (bound) {
      config = bound.init;
      configAt = bound.declarator;
    }
    const baseUrl = config?.type === 'ObjectExpression' ? (propertyValue(config, 'baseURL') ?? propertyValue(config, 'baseUrl')) : undefined;
    const holder = holderOf(path);
    if (baseUrl && holder) instances.push({ holder, path, baseUrl, baseAt: configAt });
  });
  return instances;
}

function axiosBase(file: FileContext, receiver: AnyNode | null, at: ASTPath): AxiosInstance | undefined {
  if (!receiver) return undefined;
  return file.axiosInstances.find((instance) => {
    if (instance.holder.kind === 'local') {
      return (
        receiver.type === 'Identifier' &&
        receiver.name === instance.holder.name &&
        declaringScope(at, instance.holder.name) === declaringScope(instance.path, instance.holder.name)
      );
    }
    return memberPropertyName(receiver) === instance.holder.name;
  });
}

interface RequestShape {
  url: AnyNode;
  urlAt: ASTPath;
  base?: { node: AnyNode; at: ASTPath };
  body: AnyNode | undefined;
  bodyAt: ASTPath;
}

const BODY_KEYS = ['data', 'form', 'json', 'body'] as const;

/** The body a request-options object sends: axios/jQuery `data`, request `form` / `json: {…}` / `body`. */
function configBody(config: AnyNode): AnyNode | undefined {
  for (const key of BODY_KEYS) {
    const value = unwrapExpression(propertyValue(config, key));
    if (!value) continue;
    if (key === 'json' && value.type !== 'ObjectExpression' && value.type !== 'Identifier') continue;
    return value;
  }
  return undefined;
}

function objectAt(file: Pick<FileContext, 'j' | 'root'>, node: AnyNode | null | undefined, at: ASTPath): { object: AnyNode; at: ASTPath } | undefined {
  if (!node) return undefined;
  if (node.type === 'ObjectExpression') return { object: node, at };
  const bound = boundValueOf(file.j, file.root, at, node);
  return bound?.init.type === 'ObjectExpression' ? { object: bound.init, at: bound.declarator } : undefined;
}

const SEND_VERBS = new Set(['post', 'put', 'patch']);

/** The URL and body of a call shaped like an HTTP request, or undefined. */
function requestShape(file: FileContext, path: ASTPath): RequestShape | undefined {
  const node = path.node as unknown as AnyNode;
  const callee = unwrapExpression(node.callee);
  if (!callee) return undefined;
  const args = (node.arguments as unknown[]).map((a) => unwrapExpression(a));
  const method = memberPropertyName(callee);
  const name = callee.type === 'Identifier' ? (callee.name as string) : method;
  const receiver = callee.type === 'Identifier' ? callee : unwrapExpression(callee.object);

  // superagent: request.post(url).type('form').send(body)
  if (method === 'send' && args[0]) {
    let link = unwrapExpression(callee.object);
    while (link?.type === 'CallExpression') {
      const linkCallee = unwrapExpression(link.callee);
      const verb = memberPropertyName(linkCallee);
      const url = unwrapExpression((link.arguments as unknown[])[0]);
      if (verb && SEND_VERBS.has(verb) && url) return { url, urlAt: path, body: args[0], bodyAt: path };
      link = unwrapExpression(linkCallee?.object);
    }
    return undefined;
  }

  const first = args[0];
  const config = objectAt(file, first, path);
  const configUrl = config ? unwrapExpression(propertyValue(config.object, 'url') ?? propertyValue(config.object, 'uri')) : null;
  if (config && configUrl) {
    // axios({ url, data }), $.ajax({ url, data }), request({ uri, form }), rp({ uri, json })
    const ownBase = unwrapExpression(propertyValue(config.object, 'baseURL') ?? propertyValue(config.object, 'baseUrl'));
    const instance = axiosBase(file, receiver, path);
    const base = ownBase ? { node: ownBase, at: config.at } : instance ? { node: instance.baseUrl, at: instance.baseAt } : undefined;
    return { url: configUrl, urlAt: config.at, base, body: configBody(config.object), bodyAt: config.at };
  }
  if (!first || first.type === 'ObjectExpression' || !name) return undefined;

  const instance = axiosBase(file, receiver, path);
  const base = instance ? { node: instance.baseUrl, at: instance.baseAt } : undefined;
  const second = args[1];
  const secondObject = objectAt(file, second, path);
  if (name === 'fetch') {
    if (!second) return { url: first, urlAt: path, body: undefined, bodyAt: path };
    if (!secondObject) return { url: first, urlAt: path, body: second, bodyAt: path };
    return { url: first, urlAt: path, body: unwrapExpression(propertyValue(secondObject.object, 'body')) ?? undefined, bodyAt: secondObject.at };
  }
  // request.post(url, { form }), $.ajax(url, { data }), axios(url, { data }), ky.post(url, { json })
  if (secondObject && !findProperty(secondObject.object, 'grant_type') && configBody(secondObject.object)) {
    return { url: first, urlAt: path, base, body: configBody(secondObject.object), bodyAt: secondObject.at };
  }
  // axios.post(url, data), $.post(url, data), instance.post(url, data)
  if (method && SEND_VERBS.has(method)) {
    // A bare `.post(url)` inside a chain gets its body from the chain's `.send(…)`.
    if (!second && path.parent?.node.type === 'MemberExpression') return undefined;
    return { url: first, urlAt: path, base, body: second ?? undefined, bodyAt: path };
  }
  return undefined;
}

function httpSite(file: FileContext, path: ASTPath): HttpTokenRequest | LegacyTokenCall | undefined {
  const shape = requestShape(file, path);
  if (!shape) return undefined;
  const target = tokenTarget(file, path, shape);
  if (!target) return undefined;
  if (target.endpoint === 'ro') return { kind: 'legacy', call: path, message: LEGACY_MESSAGES.oauthRo, cause: 'resource-owner' };
  const body = shape.body ? describeBody(file, shape.body, shape.bodyAt) : undefined;
  return { kind: 'http', call: path, endpoint: target.endpoint, origin: target.origin, body };
}

// ---------------------------------------------------------------------------------------------
// URLs

/**
 * The endpoint and origin of a request URL, or undefined when it is not a token endpoint.
 * Names bound to strings are followed: a whole-URL constant is read through, a host constant
 * stays a value in the audience template (its text still tells a tenant from a custom domain).
 */
function tokenTarget(file: FileContext, call: ASTPath, shape: RequestShape): { endpoint: TokenEndpoint; origin: Origin } | undefined {
  const validAt = new Map<AnyNode, ASTPath>();
  const constants = new Map<AnyNode, string>();
  const expandAt =
    (at: ASTPath) =>
    (identifier: AnyNode): StringPiece[] | undefined => {
      const bound = boundValue(file.j, file.root, at, identifier.name as string);
      if (!bound) return undefined;
      const literal = isStringLiteral(bound.init) ? (bound.init.value as string) : undefined;
      if (literal !== undefined && !literal.includes('/oauth/')) {
        constants.set(identifier, literal);
        return undefined;
      }
      if (!isStringExpression(bound.init)) return undefined;
      const pieces = stringPieces(file.source, bound.init, expandAt(bound.declarator));
      for (const piece of pieces) if (piece.kind === 'expression' && !validAt.has(piece.node)) validAt.set(piece.node, bound.declarator);
      return pieces;
    };
  const pieces: StringPiece[] = [];
  if (shape.base) {
    const basePieces = stringPieces(file.source, shape.base.node, expandAt(shape.base.at));
    for (const piece of basePieces) if (piece.kind === 'expression' && !validAt.has(piece.node)) validAt.set(piece.node, shape.base.at);
    pieces.push(...basePieces);
  }
  const urlPieces = stringPieces(file.source, shape.url, expandAt(shape.urlAt));
  for (const piece of urlPieces) if (piece.kind === 'expression' && !validAt.has(piece.node)) validAt.set(piece.node, shape.urlAt);
  pieces.push(...urlPieces);

  const texts = pieces.map((p) => (p.kind === 'text' ? p.value : (constants.get(p.node) ?? PLACEHOLDER)));
  const match = TOKEN_PATH.exec(texts.join(''));
  if (!match) return undefined;
  const endpoint: TokenEndpoint = match[1] === 'token' ? 'token' : 'ro';
  return { endpoint, origin: originOf(file.source, call, pieces, texts, match.index, validAt, usesModernSyntax(file.j, file.root)) };
}

/**
 * The origin of a URL whose token path starts at `endAt` in the joined `texts` (the pieces' text,
 * string constants' values for values, PLACEHOLDER for other values). A base URL's trailing `/`
 * before the path is part of neither.
 */
function originOf(
  source: string,
  call: ASTPath,
  pieces: StringPiece[],
  texts: string[],
  endAt: number,
  validAt: Map<AnyNode, ASTPath>,
  modern: boolean,
): Origin {
  const originText = texts.join('').slice(0, endAt).replace(/\/$/, '');
  if (originText === '') return { kind: 'relative' };
  const scheme = /^(https?:)?\/\//i.exec(originText);
  const hostText = scheme ? originText.slice(scheme[0].length) : originText;
  if (!scheme && !originText.startsWith(PLACEHOLDER)) return { kind: 'relative' };
  if (hostText.includes('/')) return { kind: 'elsewhere' };

  const originPieces: StringPiece[] = [];
  let consumed = 0;
  let straddles = false;
  for (let i = 0; i < pieces.length && consumed < originText.length; i++) {
    const length = texts[i].length;
    if (consumed + length <= originText.length) originPieces.push(pieces[i]);
    else if (pieces[i].kind === 'text') originPieces.push({ ...pieces[i], value: texts[i].slice(0, originText.length - consumed) } as StringPiece);
    else straddles = true;
    consumed += length;
  }
  const values = originPieces.filter((p): p is ExpressionPiece => p.kind === 'expression');
  const known = !hostText.includes(PLACEHOLDER);
  if (values.length === 0 || (straddles && known)) return { kind: 'literal', host: hostText };

  // A value computed by a call would run a second time in the audience.
  const computed = values.find((p) => evaluatesDifferently(p.node as AnyNode));
  const portable = !computed && !straddles && values.every((p) => isPortable(p.node, validAt.get(p.node) ?? call, call));
  let template: string | undefined;
  if (portable && !modern) {
    template = concatenatedAudience(source, originPieces);
  } else if (portable) {
    const inner = originPieces
      .map((p, i) => {
        if (p.kind === 'expression') return `\${${textOf(source, p.node as never)}}`;
        return templateText(i === 0 ? p.value.replace(/^http:\/\//i, 'https://') : p.value);
      })
      .join('')
      .replace(/\/$/, '');
    template = `\`${inner}/api/v2/\``;
  }
  const origin: Origin = { kind: 'expression', template };
  if (computed) origin.computedBy = textOf(source, computed.node as never);
  if (known) origin.host = normaliseHost(hostText);
  return origin;
}

/** The audience as `'https://' + DOMAIN + '/api/v2/'`, for a file in plain ES5 (see syntax.ts). */
function concatenatedAudience(source: string, pieces: readonly StringPiece[]): string {
  const parts: ({ text: string } | { expression: string })[] = pieces.map((p, i) =>
    p.kind === 'text' ? { text: i === 0 ? p.value.replace(/^http:\/\//i, 'https://') : p.value } : { expression: textOf(source, p.node as never) },
  );
  const last = parts[parts.length - 1];
  if (last && 'text' in last) parts[parts.length - 1] = { text: last.text.replace(/\/$/, '') };
  return concatenation([...parts, { text: '/api/v2/' }], "'");
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** What a request body expression is, following locals bound once to it. */
export function describeBody(file: Pick<FileContext, 'j' | 'root'>, node: AnyNode, at: ASTPath): RequestBody {
  const n = unwrapExpression(node) ?? node;
  if (n.type === 'Identifier') {
    const bound = boundValue(file.j, file.root, at, n.name as string);
    if (!bound) return { kind: 'unreadable', node: n };
    if (isEmptySearchParams(bound.init)) {
      const calls = paramCalls(file, bound);
      return calls ? { kind: 'params', bound, calls } : { kind: 'unreadable', node: n };
    }
    if (isMutatedAfterwards(file.j, file.root, bound)) return { kind: 'unreadable', node: n };
    const inner = describeBody(file, bound.init, bound.declarator);
    if ((inner.kind === 'object' || inner.kind === 'form') && !inner.bound) return { ...inner, bound };
    return inner;
  }
  if (n.type === 'ObjectExpression') return { kind: 'object', object: n };
  if (n.type === 'CallExpression') {
    const callee = unwrapExpression(n.callee);
    const method = memberPropertyName(callee);
    const arg = asNode((n.arguments as unknown[])[0]);
    // JSON.stringify(x), qs.stringify(x), querystring.stringify(x)
    if (method === 'stringify' && arg) return describeBody(file, arg, at);
    // new URLSearchParams(x).toString()
    if (method === 'toString' && callee && (n.arguments as unknown[]).length === 0) return describeBody(file, asNode(callee.object) ?? n, at);
  }
  if (n.type === 'NewExpression' && isSearchParamsCallee(n.callee)) {
    const arg = asNode((n.arguments as unknown[])[0]);
    if (arg) return describeBody(file, arg, at);
  }
  if (isStringExpression(n)) return { kind: 'form', node: n };
  return { kind: 'unreadable', node: n };
}

function isSearchParamsCallee(callee: unknown): boolean {
  const c = unwrapExpression(callee);
  return (c?.type === 'Identifier' && c.name === 'URLSearchParams') || memberPropertyName(c) === 'URLSearchParams';
}

function isEmptySearchParams(node: AnyNode): boolean {
  return node.type === 'NewExpression' && isSearchParamsCallee(node.callee) && (node.arguments as unknown[]).length === 0;
}

/** The `p.append('k', v)` / `p.set('k', v)` statements that fill a URLSearchParams; undefined when one is not plain. */
function paramCalls(file: Pick<FileContext, 'j' | 'root'>, bound: BoundValue): ParamCall[] | undefined {
  const scope = declaringScope(bound.declarator, bound.name);
  const calls: ParamCall[] = [];
  let plain = true;
  nodesOf(file.j, file.root, file.j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    const object = unwrapExpression(callee?.object);
    if (object?.type !== 'Identifier' || object.name !== bound.name || declaringScope(path, bound.name) !== scope) return;
    const method = memberPropertyName(callee);
    if (method !== 'append' && method !== 'set' && method !== 'delete') return;
    const keyNode = asNode(path.node.arguments[0]);
    const key = stringValue(keyNode);
    const value = asNode(path.node.arguments[1]);
    const statement = path.parent as ASTPath | null;
    if (method === 'delete' || key === undefined || !keyNode || !value || statement?.node.type !== 'ExpressionStatement') {
      plain = false;
      return;
    }
    calls.push({ key, keyNode, value, method, statement });
  });
  return plain && calls.length > 0 ? calls : undefined;
}

/** An option of a client construction's options object literal, unwrapped. */
export function clientOption(client: ClientConstruction, name: string): AnyNode | undefined {
  return client.options ? (unwrapExpression(propertyValue(client.options, name)) ?? undefined) : undefined;
}

/**
 * Hosts the file itself passes to Auth0 clients as their `domain` (and Lock's domain argument):
 * a token request to one of them goes to Auth0, even on a custom domain.
 */
export function findAuth0Hosts(j: JSCodeshift, root: Collection, bindings: Auth0Bindings = findAuth0Bindings(j, root)): Set<string> {
  const hosts = new Set<string>();
  const add = (node: unknown, at: ASTPath): void => {
    const value = unwrapExpression(node);
    const literal = stringValue(value) ?? stringValue(boundValueOf(j, root, at, value)?.init);
    if (literal) hosts.add(normaliseHost(literal).toLowerCase());
  };
  const classes: Auth0Class[] = ['WebAuth', 'Authentication', 'Management', 'AuthenticationClient', 'ManagementClient', 'Auth0Lock', 'Auth0LockPasswordless'];
  for (const { path, className } of findConstructions(j, root, bindings, classes)) {
    const args = (path.node as unknown as AnyNode & { arguments: unknown[] }).arguments;
    if (className === 'Auth0Lock' || className === 'Auth0LockPasswordless') {
      add(args[1], path);
      continue;
    }
    const options = objectAt({ j, root }, unwrapExpression(args[0]), path);
    if (options) add(propertyValue(options.object, 'domain'), options.at);
  }
  return hosts;
}
