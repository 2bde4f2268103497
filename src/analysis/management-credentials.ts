import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';
import { spanOf, textOf } from '../ast/edits';
import {
  asNode,
  type AnyNode,
  findProperty,
  hasSpread,
  memberPropertyName,
  objectProperties,
  propertyName,
  propertyValue,
  stringValue,
  unwrapExpression,
} from '../ast/nodes';
import { classifyHost, normaliseHost } from '../catalog/audience';
import { nodesOf } from '../ast/node-index';
import { findAuth0Bindings, findConstructions } from './auth0-bindings';
import { bearerTokenOf, findManagementHttpCalls, findManagementMethodCalls, type ManagementHttpCall } from './management-calls';
import { type Binding, childNodes, isFunctionNode, type ScopeIndex } from './scope';
import type { FindingCause } from '../catalog/findings';

/**
 * Where a file hands a credential to the Management API:
 *  - the `token` option of `new auth0.Management({…})` (every import and global form) and of
 *    node-auth0's `new ManagementClient({…})`, also through a local options object;
 *  - the `Authorization: Bearer …` header of raw requests to `/api/v2/users/…` and
 *    `/api/v2/device-credentials…`: fetch/axios/$http/$.ajax config objects (also through locals,
 *    `new Headers({…})` and jQuery's `beforeSend`), superagent `.set(…)` chains and
 *    `xhr.setRequestHeader(…)` on the XMLHttpRequest that was opened on such a URL.
 */

export interface CredentialSite {
  /** The expression the Management API receives as its token. */
  token: AnyNode;
  /** The `token` property when it is written shorthand (`{ token }`): the whole property is rewritten. */
  shorthandProperty?: AnyNode;
  /** The `new Management(…)` or the HTTP call the token is given to. */
  request: AnyNode;
  /** A Management API client (its endpoints are its method calls), or one raw request. */
  kind: 'client' | 'http';
  /** A raw request's endpoint (catalog id), when the guide lists it. */
  endpoint?: string;
  /** The tenant host the request goes to, when the code spells it out. */
  host?: string;
  /** An identities POST that links by `user_id` (no `link_with`): its `user_id` property. */
  userIdLink?: AnyNode;
  /**
   * The variable whose declaration holds the token, when other code reads that variable too
   * (another request, a later `options.headers.x = …`): editing it would change that code too.
   */
  sharedIn?: { name: string; declarator: AnyNode };
}

/** A Management API credential the codemod cannot see. */
export interface CredentialProblem {
  node: AnyNode;
  code: 'untraceable-token' | 'unresolved-config';
  message: string;
  cause: Extract<FindingCause, 'management-options-elsewhere' | 'no-authorization-header' | 'untraced-token' | 'angular-jwt'>;
  /** a concern only where the package calls the Management API (an interceptor's token) */
  ifManagementCalls?: true;
}

export interface ManagementCredentials {
  sites: CredentialSite[];
  problems: CredentialProblem[];
  /** `user_id` properties of identities POST bodies that do not send `link_with`. */
  userIdLinks: AnyNode[];
  /** Secondary accounts' ID tokens sent to account linking (`link_with`, `linkUser`'s second argument). */
  secondaryTokens: AnyNode[];
}

/** The users and device-credentials resources, including listing and searching users. */
export const MANAGEMENT_RESOURCE = /^\/(users(\/\{\}(\/|$)|$)|users-by-email$|device-credentials(\/|$))/;
const BODY_KEYS = ['body', 'data', 'json', 'form'];

export const NO_AUTHORIZATION_MESSAGE =
  'No Authorization header the codemod can see on this Management API request; make sure it sends an access token for the Management API, not the ID token.';
export const NOT_BEARER_MESSAGE =
  "This Authorization header is not written as 'Bearer ' + token; make sure it carries an access token for the Management API, not the ID token.";
export const UNRESOLVED_OPTIONS_MESSAGE =
  'The auth0.Management options come from elsewhere; make sure its token is an access token for the Management API, not the ID token.';

export function findManagementCredentials(
  j: JSCodeshift,
  root: Collection,
  scope: ScopeIndex,
  source: string,
): ManagementCredentials {
  const found: ManagementCredentials = { sites: [], problems: [], userIdLinks: [], secondaryTokens: [] };
  const resolver = new ObjectResolver(scope);

  for (const { path, className } of findConstructions(j, root, findAuth0Bindings(j, root), ['Management', 'ManagementClient'])) {
    const node = path.node as unknown as AnyNode;
    const arg = unwrapExpression((node.arguments as unknown[])[0]);
    if (!arg) continue;
    const options = resolver.object(arg);
    // node-auth0 clients built from configuration are usually client-credentials clients: no user token.
    const isBrowserClient = className === 'Management';
    if (!options) {
      if (isBrowserClient) found.problems.push({ node: arg, code: 'unresolved-config', message: UNRESOLVED_OPTIONS_MESSAGE, cause: 'management-options-elsewhere' });
      continue;
    }
    const property = findProperty(options, 'token');
    if (!property) {
      if (isBrowserClient && hasSpread(options)) found.problems.push({ node: options, code: 'unresolved-config', message: UNRESOLVED_OPTIONS_MESSAGE, cause: 'management-options-elsewhere' });
      continue;
    }
    const value = asNode(property.value);
    if (!value) continue;
    const host = tenantHostOf(propertyValue(options, 'domain'));
    const site: CredentialSite = { token: value, request: node, kind: 'client', ...(host ? { host } : {}) };
    found.sites.push(property.shorthand ? { ...site, shorthandProperty: property } : site);
  }

  for (const call of findManagementHttpCalls(j, root)) {
    const pattern = call.pattern;
    // A relative URL goes to the app's own backend, whatever its path looks like.
    if (pattern === undefined || pattern.indexOf('/api/v2/') <= 0 || !MANAGEMENT_RESOURCE.test(call.apiPath)) continue;
    const node = call.path.node as unknown as AnyNode;
    const request = describeRequest(node, call.config, scope, resolver, source);
    const method = request.method ?? call.httpMethod;
    let userIdLink: AnyNode | undefined;
    if (method === 'POST' && call.apiPath === '/users/{}/identities' && request.body) {
      const body = resolver.object(request.body);
      const userId = body ? findProperty(body, 'user_id') : undefined;
      const linkWith = body ? asNode(findProperty(body, 'link_with')?.value) : undefined;
      if (linkWith) found.secondaryTokens.push(unwrapExpression(linkWith) ?? linkWith);
      if (body && userId && !linkWith && !hasSpread(body)) {
        found.userIdLinks.push(userId);
        userIdLink = userId;
      }
    }
    if (!request.authorization) {
      found.problems.push({ node, code: 'untraceable-token', message: NO_AUTHORIZATION_MESSAGE, cause: 'no-authorization-header' });
    } else {
      const token = bearerTokenOf(request.authorization);
      const host = /^https?:\/\/([^/{}]+)\//.exec(pattern)?.[1];
      if (token) {
        const shared = sharedDeclaration(call, request, node, scope, resolver);
        found.sites.push({
          token,
          request: node,
          kind: 'http',
          ...(shared ? { sharedIn: shared } : {}),
          ...(call.endpoint ? { endpoint: call.endpoint.id } : {}),
          ...(host && classifyHost(host) !== 'invalid' ? { host: normaliseHost(host).toLowerCase() } : {}),
          ...(userIdLink ? { userIdLink } : {}),
        });
      } else found.problems.push({ node: request.authorization, code: 'untraceable-token', message: NOT_BEARER_MESSAGE, cause: 'untraced-token' });
    }
  }

  // auth0.js `management.linkUser(userId, secondaryIdToken, cb)`
  for (const call of findManagementMethodCalls(j, root, findAuth0Bindings(j, root))) {
    if (call.method !== 'linkUser') continue;
    const secondary = unwrapExpression(((call.path.node as unknown as AnyNode).arguments as unknown[])[1]);
    if (secondary) found.secondaryTokens.push(secondary);
  }

  found.problems.push(...interceptorTokenGetters(j, root, source));

  const seen = new Set<string>();
  found.sites = found.sites.filter((site) => {
    const key = spanOf(site.token as unknown as ASTNode).join(':');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return found;
}

/**
 * Where the token of a request sits in a declaration other code reads too, the variable declared
 * there: the codemod must not edit it for this request alone. Options the call names by variable
 * but the scopes do not lead back to count as shared, so they are never edited blind.
 */
function sharedDeclaration(
  call: ManagementHttpCall,
  request: RequestParts,
  node: AnyNode,
  scope: ScopeIndex,
  resolver: ObjectResolver,
): { name: string; declarator: AnyNode } | undefined {
  const via = request.authorizationVia ?? [];
  const shared = resolver.sharedOf(via, node);
  if (shared) return { name: shared.name, declarator: shared.declarators[0] };
  const authorization = request.authorization;
  if (call.configVariable && call.config && via.length === 0 && authorization && scope.contains(call.config, authorization)) {
    const declarator = scope.ancestors(call.config).find((a) => a.type === 'VariableDeclarator') ?? call.config;
    return { name: call.configVariable, declarator };
  }
  return undefined;
}

/** A literal tenant host (`acme.auth0.com`, also as `https://acme.auth0.com`), lower-cased. */
function tenantHostOf(node: unknown): string | undefined {
  const value = stringValue(unwrapExpression(node));
  if (value === undefined) return undefined;
  const host = value.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return classifyHost(host) === 'invalid' ? undefined : normaliseHost(host).toLowerCase();
}

/**
 * Follows expressions to the object literal they stand for: locals bound once, `JSON.stringify(x)`,
 * `new Headers(x)`. `via` collects the variables it went through: an edit inside the object lands
 * in their declarations.
 */
class ObjectResolver {
  constructor(private readonly scope: ScopeIndex) {}

  object(node: unknown, depth = 0, via?: Binding[]): AnyNode | undefined {
    const n = unwrapExpression(node);
    if (!n || depth > 4) return undefined;
    if (n.type === 'ObjectExpression') return n;
    if (n.type === 'Identifier') {
      const binding = this.scope.resolve(n.name as string, n);
      if (!binding || !['const', 'let', 'var'].includes(binding.kind)) return undefined;
      if (binding.declarators.length !== 1 || this.scope.isReassigned(binding)) return undefined;
      const declarator = binding.declarators[0];
      if (asNode(declarator.id)?.type !== 'Identifier') return undefined;
      const object = this.object(declarator.init, depth + 1, via);
      if (object) via?.push(binding);
      return object;
    }
    if (n.type === 'CallExpression' || n.type === 'NewExpression') {
      const callee = unwrapExpression(n.callee);
      const isStringify = callee?.type === 'MemberExpression' && memberPropertyName(callee) === 'stringify';
      const isHeaders = n.type === 'NewExpression' && callee?.type === 'Identifier' && callee.name === 'Headers';
      if (isStringify || isHeaders) return this.object((n.arguments as unknown[])[0], depth + 1, via);
    }
    return undefined;
  }

  /**
   * The first of `via` that other code also reads: the variable is read anywhere but in `call`
   * (or in the declaration of another of `via`, `var options = { headers }`). An edit in its
   * declaration would then change what that code sends or sees too: another request, a
   * `options.headers.x = …` after it is built, a log line.
   */
  sharedOf(via: readonly Binding[], call: AnyNode): Binding | undefined {
    const owners = [call, ...via.map((b) => b.declarators[0]).filter((d): d is AnyNode => !!d)];
    return via.find((binding) => {
      const reads = this.readsOf(binding);
      return reads.length !== 1 || !owners.some((owner) => owner !== binding.declarators[0] && this.scope.contains(owner, reads[0]));
    });
  }

  /** The identifiers that read a variable (its declarations' own names are no read). */
  private readsOf(binding: Binding): AnyNode[] {
    const declared = new Set(binding.declarators.map((d) => d.id));
    return [...new Set(this.scope.referencesTo(binding).filter((node) => !declared.has(node)))];
  }
}

interface RequestParts {
  authorization?: AnyNode;
  /** The variables the Authorization header was reached through (`var options = {…}; request(options)`). */
  authorizationVia?: Binding[];
  body?: AnyNode;
  method?: string;
}

function describeRequest(
  call: AnyNode,
  literalConfig: AnyNode | undefined,
  scope: ScopeIndex,
  resolver: ObjectResolver,
  source: string,
): RequestParts {
  const parts: RequestParts = {};
  const args = (call.arguments as unknown[]).map((a) => unwrapExpression(a));
  const callee = unwrapExpression(call.callee);
  const verb = memberPropertyName(callee)?.toLowerCase();
  // axios.post(url, data, config), $http.post(url, data, config), $.post(url, data): the second argument is the body.
  const bodyArgument = verb && ['post', 'patch', 'put'].includes(verb) ? args[1] : undefined;
  if (bodyArgument) parts.body = bodyArgument;
  const configs: { object: AnyNode; via: Binding[] }[] = literalConfig ? [{ object: literalConfig, via: [] }] : [];
  for (const arg of args) {
    const via: Binding[] = [];
    const object = arg && arg !== bodyArgument ? resolver.object(arg, 0, via) : undefined;
    if (!object) continue;
    const known = configs.find((c) => c.object === object);
    if (known) known.via.push(...via);
    else configs.push({ object, via });
  }
  for (const { object: config, via } of configs) {
    const headersVia: Binding[] = [];
    const headers = resolver.object(propertyValue(config, 'headers'), 0, headersVia);
    if (!parts.authorization) {
      parts.authorization = (headers ? headerIn(headers) : undefined) ?? beforeSendAuthorization(config, scope);
      if (parts.authorization) parts.authorizationVia = [...via, ...headersVia];
    }
    const method = stringValue(propertyValue(config, 'method')) ?? stringValue(propertyValue(config, 'type'));
    if (method) parts.method ??= method.toUpperCase();
    for (const key of BODY_KEYS) parts.body ??= asNode(propertyValue(config, key)) ?? undefined;
  }

  // superagent: request.post(url).set('Authorization', …).send({…})
  let link: AnyNode = call;
  for (;;) {
    const member = scope.parentOf(link);
    const next = member && scope.parentOf(member);
    if (!member || !next || member.type !== 'MemberExpression' || member.object !== link) break;
    if (next.type !== 'CallExpression' || next.callee !== member) break;
    const name = memberPropertyName(member);
    const [first, second] = (next.arguments as unknown[]).map((a) => unwrapExpression(a));
    if (name === 'set') {
      if (stringValue(first)?.toLowerCase() === 'authorization' && second) parts.authorization ??= second;
      const via: Binding[] = [];
      const headers = first ? resolver.object(first, 0, via) : undefined;
      if (headers && !parts.authorization) {
        parts.authorization = headerIn(headers);
        if (parts.authorization) parts.authorizationVia = via;
      }
    } else if (name === 'send' && first) {
      parts.body ??= first;
    }
    link = next;
  }

  // XMLHttpRequest: xhr.open(method, url); xhr.setRequestHeader('Authorization', …); xhr.send(body)
  if (memberPropertyName(callee) === 'open' && callee) {
    const receiver = textOf(source, callee.object as ASTNode).replace(/\s+/g, '');
    const within = enclosingFunction(call, scope) ?? scope.root;
    forEachCall(within, (other) => {
      const otherCallee = unwrapExpression(other.callee);
      if (!otherCallee || otherCallee.type !== 'MemberExpression') return;
      if (textOf(source, otherCallee.object as ASTNode).replace(/\s+/g, '') !== receiver) return;
      const name = memberPropertyName(otherCallee);
      const [first, second] = (other.arguments as unknown[]).map((a) => unwrapExpression(a));
      if (name === 'setRequestHeader' && stringValue(first)?.toLowerCase() === 'authorization' && second) parts.authorization ??= second;
      if (name === 'send' && first) parts.body ??= first;
    });
  }
  return parts;
}

/** The Authorization entry of a headers object literal (any case). */
function headerIn(headers: AnyNode): AnyNode | undefined {
  for (const prop of objectProperties(headers)) {
    if (propertyName(prop)?.toLowerCase() === 'authorization') return asNode(prop.value) ?? undefined;
  }
  return undefined;
}

/** jQuery `beforeSend: function (xhr) { xhr.setRequestHeader('Authorization', …) }`. */
function beforeSendAuthorization(config: AnyNode, scope: ScopeIndex): AnyNode | undefined {
  const property = findProperty(config, 'beforeSend');
  const candidate = property ? (property.type === 'ObjectMethod' ? property : asNode(property.value)) : undefined;
  const fn = candidate && isFunctionNode(candidate) ? candidate : undefined;
  const param = fn ? asNode((fn.params as unknown[])[0]) : undefined;
  if (!fn || param?.type !== 'Identifier') return undefined;
  let value: AnyNode | undefined;
  forEachCall(fn, (call) => {
    const callee = unwrapExpression(call.callee);
    const object = callee?.type === 'MemberExpression' ? unwrapExpression(callee.object) : null;
    if (object?.type !== 'Identifier' || object.name !== param.name || memberPropertyName(callee) !== 'setRequestHeader') return;
    const [first, second] = (call.arguments as unknown[]).map((a) => unwrapExpression(a));
    if (stringValue(first)?.toLowerCase() === 'authorization' && second) value ??= second;
  });
  return value && scope.contains(fn, value) ? value : undefined;
}

function enclosingFunction(node: AnyNode, scope: ScopeIndex): AnyNode | undefined {
  return scope.ancestors(node).find((a) => isFunctionNode(a));
}

function forEachCall(within: AnyNode, visit: (call: AnyNode) => void): void {
  const stack: AnyNode[] = [within];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'CallExpression') visit(node);
    stack.push(...childNodes(node));
  }
}

/** angular-jwt's options naming the hosts its interceptor sends the token to (`whiteListedDomains` before 2.0). */
const JWT_DOMAIN_KEYS = ['allowedDomains', 'whitelistedDomains', 'whiteListedDomains'];

/**
 * angular-jwt configs (`jwtOptionsProvider.config({…})`, `JwtModule.forRoot({ config: {…} })`)
 * whose interceptor sends the `tokenGetter`'s token to an Auth0 tenant host, where the Management
 * API lives: the Management API calls get no Authorization header of their own, so the codemod
 * cannot switch their token (pitfall: a token sent to every API). Reported at `tokenGetter`.
 */
function interceptorTokenGetters(j: JSCodeshift, root: Collection, source: string): CredentialProblem[] {
  const problems: CredentialProblem[] = [];
  for (const path of nodesOf(j, root, j.ObjectExpression)) {
    const object = path.node as unknown as AnyNode;
    const getter = findProperty(object, 'tokenGetter');
    if (!getter) continue;
    // A getter that plainly hands out the access token is already right. `tokenGetter` or
    // `tokenGetter: getToken` names a function of the file: judge that function.
    const named = unwrapExpression(getter.value);
    const getterNode = (named?.type === 'Identifier' ? functionNamed(j, root, named.name as string) : undefined) ?? getter;
    const getterText = textOf(source, getterNode as unknown as ASTNode);
    if (!/id_?token/i.test(getterText) && /access_?token|getTokenSilently/i.test(getterText)) continue;
    const domains = JWT_DOMAIN_KEYS.map((key) => unwrapExpression(propertyValue(object, key))).find((value) => value?.type === 'ArrayExpression');
    const hosts = ((domains?.elements as unknown[] | undefined) ?? [])
      .map((element) => stringValue(element))
      .filter((host): host is string => host !== undefined && classifyHost(host) === 'tenant');
    if (hosts.length === 0) continue;
    problems.push({
      node: getter,
      ifManagementCalls: true,
      code: 'untraceable-token',
      cause: 'angular-jwt',
      message:
        `angular-jwt adds this tokenGetter's token to every request to ${normaliseHost(hosts[0])}, the Management API's host; ` +
        'if it is the ID token, those calls fail once the tenant stops accepting ID tokens. Send them the access token ' +
        "(skipAuthorization: true and your own 'Bearer ' + access token), or have tokenGetter return the access token for that host.",
    });
  }
  return problems;
}

/** The function declared, or bound once, under `name` in the file. */
function functionNamed(j: JSCodeshift, root: Collection, name: string): AnyNode | undefined {
  const declared = nodesOf(j, root, j.FunctionDeclaration, (node) => asNode(node.id)?.name === name)[0];
  if (declared) return declared.node as unknown as AnyNode;
  const bound = nodesOf(j, root, j.VariableDeclarator, (node) => asNode(node.id)?.name === name)[0];
  return bound ? (asNode(bound.node.init) ?? undefined) : undefined;
}

