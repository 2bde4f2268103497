import { asNode, type AnyNode, memberPropertyName, stringValue, unwrapExpression } from '../ast/nodes';
import { holderLink, holderOfExpression } from './holders';
import { isFunctionNode, type ScopeIndex } from './scope';

/**
 * Where a login result comes from, as links of the migration plan (src/plan): the token in
 * `authResult.idToken` was issued to the login that produced `authResult`.
 *
 *   webAuth.parseHash(function (err, authResult) { … })      → holder:identifier:webAuth
 *   webAuth.checkSession({ … }, (err, authResult) => { … })  → the checkSession call (@…:call:…)
 *   const tokens = await (await fetch(tokenUrl, …)).json()    → the token request (@…:request:…)
 *
 * A parsed redirect (`parseHash`) may come from any login that redirects (`login:redirect`).
 * Anything else (a parameter of the app's own function, a field set elsewhere) is `login:*`:
 * some login of the package, so its flow takes in every login the package has.
 */

export const SOME_LOGIN = 'login:*';
/**
 * Some login of the package that redirects back to the app: a redirect's result is parsed wherever
 * the app parses the URL, whichever client or hand-built URL started it.
 */
export const REDIRECT_LOGIN = 'login:redirect';

/** The link of a call that produces login results, when the caller knows it as a producer. */
export type ProducerLink = (call: AnyNode) => string | undefined;

/** Methods whose callback gets the result of a redirect login made on the same client. */
const REDIRECT_RESULT_METHODS = new Set(['parseHash', 'resumeAuth', 'handleRedirectCallback']);
/** Lock events whose handler gets a login result. */
const RESULT_EVENTS = new Set(['authenticated', 'hash_parsed']);
/**
 * The 2.x API of the separate auth0-lock-passwordless package (a CDN script as often as an
 * import), whose callback gets the login's tokens; Lock 11's Auth0LockPasswordless has `show()`.
 */
export const PASSWORDLESS_RESULT_METHODS = new Set(['sms', 'magiclink', 'emailcode', 'socialOrMagiclink', 'socialOrSms', 'socialOrEmailcode']);

/** A client kept under a name: `webAuth`, `this.auth0`, a function's own `lock` (see login-configs `holderLink`). */
export function holderLinkOf(node: AnyNode | null | undefined, scope: ScopeIndex): string | undefined {
  const holder = holderOfExpression(unwrapExpression(node), scope);
  return holder ? holderLink(holder) : undefined;
}

export class OriginFinder {
  constructor(
    private readonly scope: ScopeIndex,
    private readonly producerLink: ProducerLink,
  ) {}

  /** Origins of the object a token field is read from (`authResult` in `authResult.idToken`). */
  ofObject(receiver: AnyNode, depth = 0): string[] {
    let root = unwrapExpression(receiver);
    while (root && (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression')) {
      // `response.data.id_token` (axios): the data of a response.
      root = unwrapExpression(root.object);
    }
    if (!root || root.type !== 'Identifier' || depth > 6) return [SOME_LOGIN];
    return this.ofName(root, depth);
  }

  /** Origins of a value: a call's result, an awaited promise, a local. */
  ofValue(value: AnyNode | null | undefined, depth = 0): string[] {
    const n = unwrapExpression(value);
    if (!n || depth > 6) return [SOME_LOGIN];
    if (n.type === 'AwaitExpression') return this.ofValue(asNode(n.argument), depth + 1);
    if (n.type === 'Identifier') return this.ofName(n, depth);
    if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') return this.ofValue(asNode(n.object), depth + 1);
    if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression') {
      const produced = this.producerLink(n);
      if (produced) return [produced];
      const callee = unwrapExpression(n.callee);
      const method = memberPropertyName(callee);
      // `response.json()`, `promise.then(…)`: the same result, read or passed on.
      if (callee && method && ['json', 'text', 'then', 'catch', 'finally', 'toPromise'].includes(method)) {
        return this.ofValue(asNode(callee.object), depth + 1);
      }
    }
    return [SOME_LOGIN];
  }

  private ofName(identifier: AnyNode, depth: number): string[] {
    const binding = this.scope.resolve(identifier.name as string, identifier);
    if (!binding) return [SOME_LOGIN];
    if (binding.kind === 'param') return this.ofParameter(binding.scope, depth, identifier.name as string);
    if (binding.kind !== 'const' && binding.kind !== 'let' && binding.kind !== 'var') return [SOME_LOGIN];
    if (binding.declarators.length !== 1 || this.scope.isReassigned(binding)) return [SOME_LOGIN];
    const declarator = binding.declarators[0];
    const id = asNode(declarator.id);
    // `const { data } = await axios.post(…)`: a part of the same result.
    if (id?.type !== 'Identifier' && id?.type !== 'ObjectPattern') return [SOME_LOGIN];
    return this.ofValue(asNode(declarator.init), depth + 1);
  }

  /** A parameter of a callback: the call it is passed to tells whose result it gets. */
  private ofParameter(fn: AnyNode, depth: number, name: string): string[] {
    if (!isFunctionNode(fn)) return [SOME_LOGIN];
    const call = this.scope.parentOf(fn);
    const isCallback = call && (call.type === 'CallExpression' || call.type === 'OptionalCallExpression') && (call.arguments as unknown[]).includes(fn);
    if (!call || !isCallback) return this.ofArguments(fn, depth, name) ?? [SOME_LOGIN];
    return this.ofCallback(call, depth);
  }

  /** What a callback passed to `call` gets: the login result of the call, or of its client. */
  private ofCallback(call: AnyNode, depth: number): string[] {
    const produced = this.producerLink(call);
    if (produced) return [produced];
    const callee = unwrapExpression(call.callee);
    const method = memberPropertyName(callee);
    if (!callee || !method) return [SOME_LOGIN];
    if (method === 'then') return this.ofValue(asNode(callee.object), depth + 1);
    const holder = holderLinkOf(asNode(callee.object), this.scope);
    if (REDIRECT_RESULT_METHODS.has(method)) return holder ? [holder, REDIRECT_LOGIN] : [REDIRECT_LOGIN];
    if (method === 'on' && holder && RESULT_EVENTS.has(stringValue((call.arguments as unknown[])[0]) ?? '')) return [holder];
    if (holder && PASSWORDLESS_RESULT_METHODS.has(method)) return [holder];
    return [SOME_LOGIN];
  }

  /**
   * A parameter of the file's own function (`function linkAccount(secondaryJWT)`), called only
   * here: what its calls pass there, or what the call it is handed to as a callback gives it
   * (`lock.on('authenticated', lockAuthenticated)`). Undefined when it may be called elsewhere
   * or takes the parameter by a pattern.
   */
  private ofArguments(fn: AnyNode, depth: number, name: string): string[] | undefined {
    if (depth > 6) return undefined;
    const index = (fn.params as unknown[]).findIndex((param) => asNode(param)?.type === 'Identifier' && asNode(param)?.name === name);
    if (index === -1) return undefined;
    const uses = this.scope.usesOf(fn);
    if (!uses) return undefined;
    const origins = new Set<string>();
    for (const call of uses.calls) for (const origin of this.ofValue(asNode((call.arguments as unknown[])[index]), depth + 1)) origins.add(origin);
    for (const call of uses.callbacks) for (const origin of this.ofCallback(call, depth + 1)) origins.add(origin);
    return [...origins];
  }
}
