import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf, perTree, treeSlot } from '../ast/node-index';
import { asNode, type AnyNode, memberPropertyName, stringValue, unwrapExpression } from '../ast/nodes';
import { patternNames } from './scope';

/**
 * Which local names in a file refer to the Auth0 libraries, in every form seen in legacy code:
 *
 *   import auth0 from 'auth0-js'            import * as auth0 from 'auth0-js'
 *   import { WebAuth, Management } from 'auth0-js'
 *   const auth0 = require('auth0-js')       const { WebAuth } = require('auth0-js')
 *   the browser globals `auth0`, `window.auth0`, `Auth0Lock`, `window.Auth0Lock`
 *   import Auth0Lock from 'auth0-lock'      import { Auth0Lock, Auth0LockPasswordless } from 'auth0-lock'
 *   const { ManagementClient } = require('auth0')   (node-auth0)
 */

/** The classes we look for, by the library that exports them. */
export type Auth0Class =
  | 'WebAuth'
  | 'Management'
  | 'Authentication'
  | 'Auth0Lock'
  | 'Auth0LockPasswordless'
  | 'ManagementClient'
  | 'AuthenticationClient';

const LIBRARY_CLASSES: Record<string, readonly Auth0Class[]> = {
  'auth0-js': ['WebAuth', 'Management', 'Authentication'],
  'auth0-lock': ['Auth0Lock', 'Auth0LockPasswordless'],
  'auth0-lock-passwordless': ['Auth0LockPasswordless'],
  auth0: ['ManagementClient', 'AuthenticationClient'],
};

export interface Auth0Bindings {
  /** Local names bound to a library's namespace object (`auth0` for auth0-js, …), with the library. */
  namespaces: Map<string, string>;
  /** Local names bound directly to a class (`WebAuth`, `Lock` for a default-imported auth0-lock). */
  classes: Map<string, Auth0Class>;
}

const BINDINGS = treeSlot<Auth0Bindings>('auth0 bindings');

/**
 * Collects the import, require and global bindings of the Auth0 libraries in a file. Computed once
 * per tree: the package scan and every transform ask for them.
 */
export function findAuth0Bindings(j: JSCodeshift, root: Collection): Auth0Bindings {
  return perTree(root, BINDINGS, () => collectAuth0Bindings(j, root));
}

function collectAuth0Bindings(j: JSCodeshift, root: Collection): Auth0Bindings {
  const namespaces = new Map<string, string>();
  const classes = new Map<string, Auth0Class>();

  nodesOf(j, root, j.ImportDeclaration).forEach((path) => {
    const lib = String(path.node.source.value);
    const known = LIBRARY_CLASSES[lib];
    if (!known) return;
    for (const spec of path.node.specifiers ?? []) {
      const local = spec.local?.name;
      if (typeof local !== 'string') continue;
      if (spec.type === 'ImportNamespaceSpecifier') namespaces.set(local, lib);
      else if (spec.type === 'ImportDefaultSpecifier') {
        // auth0-lock's default export is the Lock class; auth0-js's and auth0's are namespaces.
        if (lib === 'auth0-lock' || lib === 'auth0-lock-passwordless') classes.set(local, known[0]);
        else namespaces.set(local, lib);
      } else if (spec.type === 'ImportSpecifier') {
        const imported = String(spec.imported.name);
        if ((known as readonly string[]).includes(imported)) classes.set(local, imported as Auth0Class);
        else if (imported === 'default' && lib.startsWith('auth0-lock')) classes.set(local, known[0]);
      }
    }
  });

  nodesOf(j, root, j.VariableDeclarator).forEach((path) => {
    const init = unwrapExpression(path.node.init);
    const lib = requiredLibrary(init);
    const id = asNode(path.node.id);
    if (!lib || !id) return;
    const known = LIBRARY_CLASSES[lib];
    const viaDefault = init?.type === 'MemberExpression' && memberPropertyName(init) === 'default';
    if (id.type === 'Identifier') {
      if (lib.startsWith('auth0-lock') || viaDefault) classes.set(id.name as string, known[0]);
      else namespaces.set(id.name as string, lib);
    } else if (id.type === 'ObjectPattern') {
      for (const prop of id.properties as AnyNode[]) {
        const key = asNode(prop.key);
        const value = asNode(prop.value);
        if (!key || key.type !== 'Identifier' || !value || value.type !== 'Identifier') continue;
        if ((known as readonly string[]).includes(key.name as string)) classes.set(value.name as string, key.name as Auth0Class);
      }
    }
  });

  // Browser globals count unless the file binds the name to something else.
  const globals = ['auth0', 'Auth0Lock', 'Auth0LockPasswordless'];
  const declared = declaredNames(j, root, globals);
  if (!namespaces.has('auth0') && !declared.has('auth0')) namespaces.set('auth0', 'auth0-js');
  for (const global of ['Auth0Lock', 'Auth0LockPasswordless'] as const) {
    if (!classes.has(global) && !declared.has(global)) classes.set(global, global);
  }
  return { namespaces, classes };
}

/** `require('lib')` or `require('lib').default` → 'lib' when it is an Auth0 library. */
function requiredLibrary(node: AnyNode | null): string | undefined {
  let n = node;
  if (n && n.type === 'MemberExpression' && memberPropertyName(n) === 'default') n = asNode(n.object);
  if (!n || n.type !== 'CallExpression') return undefined;
  const callee = asNode(n.callee);
  if (!callee || callee.type !== 'Identifier' || callee.name !== 'require') return undefined;
  const lib = stringValue((n.arguments as unknown[])[0]);
  return lib !== undefined && LIBRARY_CLASSES[lib] ? lib : undefined;
}

/**
 * `new Auth0({ … })`: auth0.js v7, whose default export (and CDN global `Auth0`) is itself the
 * client. v7 has no way to ask for an API audience; the migration starts by moving to v9.
 */
export function findAuth0V7Constructions(j: JSCodeshift, root: Collection, bindings: Auth0Bindings): ASTPath[] {
  const news = nodesOf(j, root, j.NewExpression, (node) => asNode(node.callee)?.type === 'Identifier');
  if (news.length === 0) return [];
  // A parameter named Auth0 (AngularJS injects services by name) is not the CDN global either.
  const globalAuth0 =
    !declaredNames(j, root, ['Auth0']).has('Auth0') &&
    !nodesOf(j, root, j.Function).some((path) => ((path.node as unknown as AnyNode).params as unknown[]).some((param) => patternNames(param).includes('Auth0')));
  return news.filter((path) => {
    const name = (path.node.callee as unknown as AnyNode).name as string;
    return bindings.namespaces.get(name) === 'auth0-js' || (name === 'Auth0' && globalAuth0);
  }) as unknown as ASTPath[];
}

/** Which of `names` the file declares itself (variables, functions, classes, imports), in one walk. */
function declaredNames(j: JSCodeshift, root: Collection, names: readonly string[]): Set<string> {
  const wanted = new Set(names);
  const found = new Set<string>();
  const note = (id: unknown): void => {
    const n = asNode(id);
    if (n?.type === 'Identifier' && wanted.has(n.name as string)) found.add(n.name as string);
  };
  // Only these node types declare; asking for each is cheaper than looking at every node.
  const declaring: readonly (readonly ASTPath[])[] = [
    nodesOf(j, root, j.VariableDeclarator),
    nodesOf(j, root, j.FunctionDeclaration),
    nodesOf(j, root, j.ClassDeclaration),
    nodesOf(j, root, j.ImportSpecifier),
    nodesOf(j, root, j.ImportDefaultSpecifier),
    nodesOf(j, root, j.ImportNamespaceSpecifier),
  ];
  for (const paths of declaring) {
    paths.forEach((path) => {
      const n = path.value as unknown as AnyNode;
      // `declare const auth0: …` types the browser global; it declares nothing at run time.
      if (n.type === 'VariableDeclarator' && asNode(path.parent?.node)?.declare) return;
      switch (n.type) {
        case 'VariableDeclarator':
        case 'FunctionDeclaration':
        case 'ClassDeclaration':
          note(n.id);
          break;
        case 'ImportSpecifier':
        case 'ImportDefaultSpecifier':
        case 'ImportNamespaceSpecifier':
          note(n.local);
          break;
        default:
          break;
      }
    });
  }
  return found;
}

/**
 * The Auth0 class a `new` callee refers to: `auth0.WebAuth`, `window.auth0.WebAuth`, `WebAuth`
 * (imported), `Auth0Lock`, `window.Auth0Lock`, `auth0.ManagementClient` (node-auth0), …
 */
export function classOfCallee(bindings: Auth0Bindings, callee: unknown): Auth0Class | undefined {
  const c = unwrapExpression(callee);
  if (!c) return undefined;
  if (c.type === 'Identifier') return bindings.classes.get(c.name as string);
  if (c.type !== 'MemberExpression') return undefined;
  const prop = memberPropertyName(c);
  if (!prop) return undefined;
  const object = unwrapExpression(c.object);
  if (!object) return undefined;
  // window.Auth0Lock / window.auth0.WebAuth
  if (object.type === 'Identifier' && (object.name === 'window' || object.name === 'globalThis' || object.name === 'self')) {
    return prop === 'Auth0Lock' || prop === 'Auth0LockPasswordless' ? prop : undefined;
  }
  const lib = namespaceLibrary(bindings, object);
  if (!lib) return undefined;
  const known = LIBRARY_CLASSES[lib];
  return (known as readonly string[]).includes(prop) ? (prop as Auth0Class) : undefined;
}

function namespaceLibrary(bindings: Auth0Bindings, node: AnyNode): string | undefined {
  if (node.type === 'Identifier') return bindings.namespaces.get(node.name as string);
  if (node.type === 'MemberExpression' && memberPropertyName(node) === 'auth0') {
    const object = unwrapExpression(node.object);
    if (object?.type === 'Identifier' && ['window', 'globalThis', 'self'].includes(object.name as string)) return 'auth0-js';
  }
  return undefined;
}

export interface Construction {
  readonly path: ASTPath;
  readonly className: Auth0Class;
}

/** Per tree: every `new` of an Auth0 class, per bindings object (callers pass the tree's own). */
const CONSTRUCTIONS = treeSlot<Map<Auth0Bindings, readonly Construction[]>>('auth0 constructions');

/** `new <Auth0 class>(…)` expressions of the given classes, with the class each constructs. */
export function findConstructions(j: JSCodeshift, root: Collection, bindings: Auth0Bindings, wanted: readonly Auth0Class[]): Construction[] {
  // Asked for again and again with different class lists: resolve every `new` once, then filter.
  const byBindings = perTree(root, CONSTRUCTIONS, () => new Map<Auth0Bindings, readonly Construction[]>());
  let all = byBindings.get(bindings);
  if (!all) {
    const found: Construction[] = [];
    nodesOf(j, root, j.NewExpression).forEach((path) => {
      const className = classOfCallee(bindings, path.node.callee);
      if (className) found.push({ path, className });
    });
    all = found;
    byBindings.set(bindings, all);
  }
  return all.filter((c) => wanted.includes(c.className));
}
