import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf, perTree, treeSlot } from '../ast/node-index';
import { type AnyNode, asNode, CLASS_FIELD_TYPES, keyName, memberPropertyName, objectProperties, propertyName, stringValue, unwrapExpression } from '../ast/nodes';
import { type Auth0Bindings, type Auth0Class, findConstructions } from './auth0-bindings';
import { PASSWORDLESS_RESULT_METHODS } from './origins';
import { type Holder, holderKey, holderOfExpression, identifierHolder } from './holders';
import { type ScopeIndex, scopeIndexOf } from './scope';

/**
 * Where a file configures its login, read only:
 *
 *   new auth0.WebAuth({ … })                        angularAuth0Provider.init({ … })   (WebAuth keys)
 *   new Auth0Lock(clientID, domain, { … })          lockProvider.init({ clientID, domain, options: { … } })
 *   new Auth0LockPasswordless(clientID, domain, { … })
 *
 * and the per-call options that replace a config's keys for one login:
 *
 *   webAuth.authorize({ … })   webAuth.popup.authorize({ … }, cb)   webAuth.checkSession({ … }, cb)
 *   webAuth.renewAuth({ … }, cb)   webAuth.passwordlessStart({ authParams: { … } }, cb)
 *   lock.show({ auth: { params: { … } } })   lock.checkSession({ … }, cb)
 */

export type ConfigShape = 'webauth' | 'lock';

export type ConfigOrigin = 'WebAuth' | 'Auth0Lock' | 'Auth0LockPasswordless' | 'angularAuth0Provider.init' | 'lockProvider.init';

/** An options expression and the object literal it evaluates to, when the file shows one. */
export type ResolvedObject =
  /** An object literal: written in place (`inline`), or the literal a name is bound to once. */
  | { status: 'literal'; written: AnyNode; path: ASTPath; inline: boolean }
  /** No options were passed. */
  | { status: 'missing' }
  /** Something this file does not show as an object literal: an import, a parameter, a call. */
  | { status: 'unresolved'; written: AnyNode };

export interface LoginConfig {
  shape: ConfigShape;
  origin: ConfigOrigin;
  /** The `new` or `init(…)` expression. */
  site: ASTPath;
  options: ResolvedObject;
  /** The tenant domain expression: Lock's second argument, else the config's `domain` value. */
  domain?: ASTPath;
  /** `lockProvider.init`'s own object, where a missing `options` goes. */
  container?: ASTPath;
  /** Where the instance is kept, so per-call options can be tied to it. */
  holders: Holder[];
  /** An `Auth0LockPasswordless` of the separate `auth0-lock-passwordless` 2.x package (legacy grants only). */
  legacyPasswordless: boolean;
}

export type PerCallMethod = 'authorize' | 'popup.authorize' | 'checkSession' | 'renewAuth' | 'passwordlessStart' | 'show';

export interface PerCallOptions {
  /** The kind of instance the call is made on. */
  instance: ConfigShape;
  method: PerCallMethod;
  site: ASTPath;
  /** The first argument. */
  options: ResolvedObject;
  /** The receiver (`webAuth`, `this.auth0`, `angularAuth0`, `lock`). */
  receiver: Holder;
}

const WEBAUTH_METHODS = new Set(['authorize', 'checkSession', 'renewAuth', 'passwordlessStart']);
/** angular-auth0's service: the config of `angularAuth0Provider.init` behind WebAuth's methods. */
const ANGULAR_AUTH0_SERVICE = 'angularAuth0';
/** angular-lock's service, configured by `lockProvider.init`. */
const ANGULAR_LOCK_SERVICE = 'lock';
/** Names that say what they hold, for instances created in another file. */
const WEBAUTH_NAME = /webauth/i;
const LOCK_NAME = /lock/i;

/** Names (`plock`, `this.plock`) on which the file calls one of `methods`. */
function holdersCalling(j: JSCodeshift, root: Collection, methods: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    const method = memberPropertyName(callee);
    if (!callee || method === undefined || !methods.has(method)) return;
    const receiver = unwrapExpression(callee.object);
    const name = receiver?.type === 'Identifier' ? (receiver.name as string) : memberPropertyName(receiver);
    if (name !== undefined) names.add(name);
  });
  return names;
}

/**
 * Auth0's hosted login page template (Universal Login, classic): the tenant fills in `@@config@@`,
 * and the page's Lock or WebAuth passes on what the app's own /authorize request asked for
 * (`params: config.internalOptions`). Its login is the app's, configured in the app: nothing to
 * migrate there, no flow of the package runs through it, and it is no embedded login of the app.
 */
export function isHostedLoginPage(j: JSCodeshift, root: Collection): boolean {
  // The placeholder the tenant fills in is the mark: a name like `internalOptions` alone is not.
  return nodesOf(j, root, j.CallExpression, (call) => (call.arguments as unknown[]).some((arg) => stringValue(arg) === '@@config@@')).length > 0;
}

/** Every login config in the file, in source order. */
export function findLoginConfigs(j: JSCodeshift, root: Collection, bindings: Auth0Bindings): readonly LoginConfig[] {
  // The package scan and the webauth-config transform read the same tree: found once for both.
  return perTree(root, LOGIN_CONFIGS, () => collectLoginConfigs(j, root, bindings));
}

const LOGIN_CONFIGS = treeSlot<readonly LoginConfig[]>('login configs');

function collectLoginConfigs(j: JSCodeshift, root: Collection, bindings: Auth0Bindings): LoginConfig[] {
  const configs: LoginConfig[] = [];
  const legacyPasswordlessNames = localNamesFrom(j, root, 'auth0-lock-passwordless');
  const legacyPasswordlessHolders = holdersCalling(j, root, PASSWORDLESS_RESULT_METHODS);
  const scope = scopeIndexOf(root);

  for (const { path, className } of findConstructions(j, root, bindings, ['WebAuth', 'Auth0Lock', 'Auth0LockPasswordless'])) {
    const holders = holdersOf(path, scope);
    if (className === 'WebAuth') {
      const options = resolveObjectAt(j, root, argumentPath(path, 0));
      configs.push({ shape: 'webauth', origin: 'WebAuth', site: path, options, domain: domainOf(options), holders, legacyPasswordless: false });
      continue;
    }
    const callee = unwrapExpression(path.node.type === 'NewExpression' ? (path.node as unknown as AnyNode).callee : undefined);
    const calleeName = callee?.type === 'Identifier' ? (callee.name as string) : undefined;
    configs.push({
      shape: 'lock',
      origin: className as Extract<Auth0Class, 'Auth0Lock' | 'Auth0LockPasswordless'>,
      site: path,
      options: resolveObjectAt(j, root, argumentPath(path, 2)),
      domain: argumentPath(path, 1),
      holders,
      legacyPasswordless:
        className === 'Auth0LockPasswordless' &&
        ((calleeName !== undefined && legacyPasswordlessNames.has(calleeName)) || holders.some((h) => legacyPasswordlessHolders.has(h.name))),
    });
  }

  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    if (memberPropertyName(callee) !== 'init' || !callee) return;
    const provider = unwrapExpression(callee.object);
    if (provider?.type !== 'Identifier') return;
    if (provider.name === 'angularAuth0Provider') {
      const options = resolveObjectAt(j, root, argumentPath(path, 0));
      configs.push({
        shape: 'webauth',
        origin: 'angularAuth0Provider.init',
        site: path,
        options,
        domain: domainOf(options),
        holders: serviceHolders(ANGULAR_AUTH0_SERVICE),
        legacyPasswordless: false,
      });
    } else if (provider.name === 'lockProvider') {
      const init = resolveObjectAt(j, root, argumentPath(path, 0));
      const holders = serviceHolders(ANGULAR_LOCK_SERVICE);
      if (init.status !== 'literal') {
        configs.push({ shape: 'lock', origin: 'lockProvider.init', site: path, options: init, holders, legacyPasswordless: false });
        return;
      }
      configs.push({
        shape: 'lock',
        origin: 'lockProvider.init',
        site: path,
        options: resolveObjectAt(j, root, propertyValuePath(init.path, 'options')),
        domain: propertyValuePath(init.path, 'domain'),
        container: init.path,
        holders,
        legacyPasswordless: false,
      });
    }
  });

  return configs.sort((a, b) => startOf(a.site) - startOf(b.site));
}

/**
 * Per-call options of WebAuth and Lock methods, on receivers that hold an instance by the file's
 * own evidence (a holder of a config found here), by being angular-auth0's `angularAuth0`
 * service, or by a name that says so (`webAuth`, `this.lock`).
 */
export function findPerCallOptions(j: JSCodeshift, root: Collection, configs: readonly LoginConfig[]): PerCallOptions[] {
  const webAuthHolders = new Set<string>();
  const lockHolders = new Set<string>();
  for (const config of configs) {
    for (const holder of config.holders) (config.shape === 'webauth' ? webAuthHolders : lockHolders).add(holderKey(holder));
  }
  const found: PerCallOptions[] = [];
  const scope = scopeIndexOf(root);
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    const name = memberPropertyName(callee);
    if (!callee || !name) return;
    let receiverNode = unwrapExpression(callee.object);
    let method: PerCallMethod | undefined;
    if (name === 'authorize' && memberPropertyName(receiverNode) === 'popup' && receiverNode) {
      method = 'popup.authorize';
      receiverNode = unwrapExpression(receiverNode.object);
    } else if (WEBAUTH_METHODS.has(name) || name === 'show') {
      method = name as PerCallMethod;
    }
    const receiver = holderOfExpression(receiverNode, scope);
    if (!method || !receiver) return;
    const options = resolveObjectAt(j, root, argumentPath(path, 0));
    const isLock = lockHolders.has(holderKey(receiver)) || (!webAuthHolders.has(holderKey(receiver)) && LOCK_NAME.test(receiver.name));
    const isWebAuth =
      webAuthHolders.has(holderKey(receiver)) || receiver.name === ANGULAR_AUTH0_SERVICE || WEBAUTH_NAME.test(receiver.name);
    if (method === 'show') {
      if (isLock) found.push({ instance: 'lock', method, site: path, options, receiver });
    } else if (method === 'checkSession' && isLock && !isWebAuth) {
      // Lock 11's checkSession hands its options to auth0.js's unchanged.
      found.push({ instance: 'lock', method, site: path, options, receiver });
    } else if (isWebAuth) {
      found.push({ instance: 'webauth', method, site: path, options, receiver });
    }
  });
  return found;
}

/** `lock.getProfile(…)` calls: Lock 10 takes an ID token there and stops serving it once `oidcConformant` is set. */
export function findLockProfileCalls(j: JSCodeshift, root: Collection, configs: readonly LoginConfig[]): ASTPath[] {
  const lockHolders = new Set(configs.filter((c) => c.shape === 'lock').flatMap((c) => c.holders.map(holderKey)));
  const calls: ASTPath[] = [];
  const scope = scopeIndexOf(root);
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    if (memberPropertyName(callee) !== 'getProfile' || !callee) return;
    const receiver = holderOfExpression(unwrapExpression(callee.object), scope);
    if (receiver && (lockHolders.has(holderKey(receiver)) || LOCK_NAME.test(receiver.name))) calls.push(path);
  });
  return calls;
}

// ---------------------------------------------------------------------------------------------
// Resolving option objects

/** Wrappers that keep the value of the expression inside them. */
const TRANSPARENT = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSSatisfiesExpression', 'ParenthesizedExpression', 'TypeCastExpression']);

/** Keys whose later assignment (`config.scope = …`) would change what a login asks for. */
const LOGIN_KEYS = new Set(['audience', 'scope', 'responseType', 'auth', 'params', 'authParams', 'oidcConformant', 'domain', 'options']);

/**
 * The object literal an expression evaluates to: itself, or the initialiser of a `const`/`let`/`var`
 * declared once, never reassigned and never given login keys later (`x.scope = …`, `Object.assign(x, …)`).
 */
export function resolveObjectAt(j: JSCodeshift, root: Collection, path: ASTPath | undefined): ResolvedObject {
  if (!path || !asNode(path.node)) return { status: 'missing' };
  const inner = unwrapPath(path);
  const node = inner.node as unknown as AnyNode;
  if (node.type === 'ObjectExpression') return { status: 'literal', written: node, path: inner, inline: true };
  if (node.type === 'Identifier') {
    const bound = boundObjectLiteral(j, root, inner, node.name as string);
    if (bound) return { status: 'literal', written: node, path: bound, inline: false };
  }
  return { status: 'unresolved', written: node };
}

function boundObjectLiteral(j: JSCodeshift, root: Collection, use: ASTPath, name: string): ASTPath | undefined {
  const scope = use.scope?.lookup(name);
  if (!scope) return undefined;
  const declared = (scope.getBindings() as Record<string, ASTPath[]>)[name];
  if (!declared || declared.length !== 1) return undefined;
  const declarator = declared[0].parent as ASTPath | null;
  const d = declarator?.node as unknown as AnyNode | undefined;
  if (!declarator || d?.type !== 'VariableDeclarator' || d.id !== declared[0].node || !d.init) return undefined;
  const init = unwrapPath(declarator.get('init') as ASTPath);
  if ((init.node as unknown as AnyNode).type !== 'ObjectExpression') return undefined;
  return isChangedLater(j, root, name) ? undefined : init;
}

function isChangedLater(j: JSCodeshift, root: Collection, name: string): boolean {
  const reassigned = nodesOf(j, root, j.AssignmentExpression).some((path) => {
    const left = unwrapExpression(path.node.left);
    if (left?.type === 'Identifier') return left.name === name;
    if (left?.type !== 'MemberExpression') return false;
    const object = unwrapExpression(left.object);
    if (object?.type !== 'Identifier' || object.name !== name) return false;
    const key = memberPropertyName(left);
    return key === undefined || LOGIN_KEYS.has(key);
  });
  if (reassigned) return true;
  return nodesOf(j, root, j.CallExpression).some((path) => {
    const callee = unwrapExpression(path.node.callee);
    const target = unwrapExpression((path.node.arguments as unknown[])[0]);
    return (
      memberPropertyName(callee) === 'assign' &&
      unwrapExpression(callee?.object)?.name === 'Object' &&
      target?.type === 'Identifier' &&
      target.name === name
    );
  });
}

function unwrapPath(path: ASTPath): ASTPath {
  let current = path;
  while (TRANSPARENT.has((current.node as unknown as AnyNode).type)) current = current.get('expression') as ASTPath;
  return current;
}

function argumentPath(path: ASTPath, index: number): ASTPath | undefined {
  const args = (path.node as unknown as AnyNode).arguments as unknown[] | undefined;
  return args && index < args.length ? (path.get('arguments', index) as ASTPath) : undefined;
}

/** The path of the value of an object literal's property (the last one of that name wins). */
export function propertyValuePath(objectPath: ASTPath, key: string): ASTPath | undefined {
  const props = objectProperties(objectPath.node);
  for (let i = props.length - 1; i >= 0; i--) {
    if (propertyName(props[i]) === key) return objectPath.get('properties', i, 'value') as ASTPath;
  }
  return undefined;
}

function domainOf(options: ResolvedObject): ASTPath | undefined {
  return options.status === 'literal' ? propertyValuePath(options.path, 'domain') : undefined;
}

// ---------------------------------------------------------------------------------------------
// Holders

/** Where the value of a `new` expression is kept: `const x = new …`, `this.x = new …`, `x: new …`. */
function holdersOf(path: ASTPath, scope: ScopeIndex): Holder[] {
  let current: ASTPath = path;
  while (current.parent && (TRANSPARENT.has(current.parent.node.type) || current.parent.node.type === 'AwaitExpression')) {
    current = current.parent as ASTPath;
  }
  const parent = current.parent?.node as unknown as AnyNode | undefined;
  if (!parent) return [];
  if (parent.type === 'VariableDeclarator') {
    const id = asNode(parent.id);
    return id?.type === 'Identifier' ? [identifierHolder(id, scope)] : [];
  }
  if (parent.type === 'AssignmentExpression') {
    const left = unwrapExpression(parent.left);
    if (left?.type === 'Identifier') return [identifierHolder(left, scope)];
    const member = memberPropertyName(left);
    return member ? [{ kind: 'member', name: member }] : [];
  }
  if (CLASS_FIELD_TYPES.has(parent.type) || parent.type === 'Property' || parent.type === 'ObjectProperty') {
    const name = keyName(parent.key);
    return name ? [{ kind: 'member', name }] : [];
  }
  return [];
}

function serviceHolders(name: string): Holder[] {
  return [
    { kind: 'identifier', name },
    { kind: 'member', name },
  ];
}

/** `x` → identifier x; `this.x` / `a.b.x` → member x; anything else has no holder. */
/** Local names imported or required from a package. */
function localNamesFrom(j: JSCodeshift, root: Collection, lib: string): Set<string> {
  const names = new Set<string>();
  nodesOf(j, root, j.ImportDeclaration).forEach((path) => {
    if (path.node.source.value !== lib) return;
    for (const spec of path.node.specifiers ?? []) if (typeof spec.local?.name === 'string') names.add(spec.local.name);
  });
  nodesOf(j, root, j.VariableDeclarator).forEach((path) => {
    let init = unwrapExpression(path.node.init);
    if (init?.type === 'MemberExpression') init = unwrapExpression(init.object);
    const callee = unwrapExpression(init?.callee);
    if (init?.type !== 'CallExpression' || callee?.type !== 'Identifier' || callee.name !== 'require') return;
    if (stringValue((init.arguments as unknown[])[0]) !== lib) return;
    const id = asNode(path.node.id);
    if (id?.type === 'Identifier') names.add(id.name as string);
    if (id?.type === 'ObjectPattern') {
      for (const prop of id.properties as AnyNode[]) {
        const value = asNode(prop.value);
        if (value?.type === 'Identifier') names.add(value.name as string);
      }
    }
  });
  return names;
}

function startOf(path: ASTPath): number {
  const node = path.node as unknown as { start?: number; range?: [number, number] };
  return node.start ?? node.range?.[0] ?? 0;
}
