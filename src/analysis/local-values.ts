import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf, perTree, treeSlot } from '../ast/node-index';
import { asNode, type AnyNode, memberPropertyName, unwrapExpression } from '../ast/nodes';

/**
 * What a name refers to at a given place, resolved through ast-types scopes rather than by
 * spelling: `const body = {…}` in one function is not the `body` parameter of another.
 */

interface Scope {
  lookup(name: string): Scope | null;
  getBindings(): Record<string, ASTPath[]>;
}

function scopeOf(path: ASTPath): Scope | null {
  return ((path as unknown as { scope?: Scope | null }).scope ?? null) as Scope | null;
}

/** The scope that declares `name` as seen from `path`; null for a global. */
export function declaringScope(path: ASTPath, name: string): Scope | null {
  return scopeOf(path)?.lookup(name) ?? null;
}

/** True when `name` means the same binding (or the same global) at both places. */
export function sameBinding(name: string, a: ASTPath, b: ASTPath): boolean {
  return declaringScope(a, name) === declaringScope(b, name);
}

export interface BoundValue {
  name: string;
  /** The initialiser, without TS wrappers or parentheses. */
  init: AnyNode;
  /** The `VariableDeclarator`: its path is where names inside `init` are resolved. */
  declarator: ASTPath;
}

/**
 * The initialiser of the local `const|let|var name = init` that `name` refers to at `at`, when
 * that scope declares it exactly once and never assigns it again.
 */
export function boundValue(j: JSCodeshift, root: Collection, at: ASTPath, name: string): BoundValue | undefined {
  const scope = declaringScope(at, name);
  if (!scope) return undefined;
  const bindings = scope.getBindings()[name];
  if (!bindings || bindings.length !== 1) return undefined;
  const declarator = bindings[0].parent as ASTPath | null;
  if (!declarator || declarator.node.type !== 'VariableDeclarator') return undefined;
  if ((declarator.node as unknown as AnyNode).id !== bindings[0].node) return undefined;
  const init = unwrapExpression((declarator.node as unknown as AnyNode).init);
  if (!init) return undefined;
  if (isReassigned(j, root, scope, name)) return undefined;
  return { name, init, declarator };
}

/** The initialiser an identifier node stands for at `at` (see boundValue). */
export function boundValueOf(j: JSCodeshift, root: Collection, at: ASTPath, node: unknown): BoundValue | undefined {
  const n = unwrapExpression(node);
  return n?.type === 'Identifier' ? boundValue(j, root, at, n.name as string) : undefined;
}

/**
 * Per parsed tree: where each name is assigned (`x = …`, `x += …`, `x++`). Built once, on first
 * use; kept with the tree's other analyses (keyed by its root path, so only that tree's paths).
 */
const ASSIGNMENTS = treeSlot<ReadonlyMap<string, ASTPath[]>>('assignments by name');

function assignmentsOf(j: JSCodeshift, root: Collection, name: string): readonly ASTPath[] {
  const index = perTree(root, ASSIGNMENTS, () => {
    const built = new Map<string, ASTPath[]>();
    const add = (target: unknown, path: ASTPath): void => {
      const n = asNode(target);
      if (n?.type !== 'Identifier') return;
      const list = built.get(n.name as string) ?? [];
      list.push(path);
      built.set(n.name as string, list);
    };
    nodesOf(j, root, j.AssignmentExpression).forEach((path) => add(path.node.left, path));
    nodesOf(j, root, j.UpdateExpression).forEach((path) => add(path.node.argument, path));
    return built;
  });
  return index.get(name) ?? [];
}

function isReassigned(j: JSCodeshift, root: Collection, scope: Scope, name: string): boolean {
  return assignmentsOf(j, root, name).some((path) => declaringScope(path, name) === scope);
}

const MUTATING_METHODS = new Set(['append', 'set', 'delete']);

/**
 * True when the value bound to `bound.name` is changed after it is built: `x.k = v`, `delete x.k`,
 * `x.append(k, v)` / `x.set(k, v)` / `x.delete(k)` (URLSearchParams), `Object.assign(x, …)`.
 */
export function isMutatedAfterwards(j: JSCodeshift, root: Collection, bound: BoundValue): boolean {
  const scope = declaringScope(bound.declarator, bound.name);
  const refersToIt = (node: unknown, path: ASTPath): boolean => {
    const n = unwrapExpression(node);
    return n?.type === 'Identifier' && n.name === bound.name && declaringScope(path, bound.name) === scope;
  };
  let mutated = false;
  nodesOf(j, root, j.AssignmentExpression).forEach((path) => {
    const left = asNode(path.node.left);
    if (left?.type === 'MemberExpression' && refersToIt(left.object, path)) mutated = true;
  });
  nodesOf(j, root, j.UnaryExpression, { operator: 'delete' }).forEach((path) => {
    const arg = asNode(path.node.argument);
    if (arg?.type === 'MemberExpression' && refersToIt(arg.object, path)) mutated = true;
  });
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    const method = memberPropertyName(callee);
    if (!callee || !method) return;
    if (MUTATING_METHODS.has(method) && refersToIt(callee.object, path)) mutated = true;
    const object = unwrapExpression(callee.object);
    if (method === 'assign' && object?.type === 'Identifier' && object.name === 'Object' && refersToIt(path.node.arguments[0], path)) {
      mutated = true;
    }
  });
  return mutated;
}

/** The free names an expression reads (not property names or object keys), and whether it reads `this`. */
export function freeNames(node: unknown): { names: Set<string>; usesThis: boolean } {
  const names = new Set<string>();
  let usesThis = false;
  const visit = (value: unknown): void => {
    const n = asNode(value);
    if (!n) return;
    switch (n.type) {
      case 'Identifier':
        names.add(n.name as string);
        return;
      case 'ThisExpression':
        usesThis = true;
        return;
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        visit(n.object);
        if (n.computed) visit(n.property);
        return;
      case 'Property':
      case 'ObjectProperty':
        if (n.computed) visit(n.key);
        visit(n.value);
        return;
      default:
        for (const [key, child] of Object.entries(n)) {
          if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'typeAnnotation') continue;
          if (Array.isArray(child)) child.forEach(visit);
          else if (asNode(child)) visit(child);
        }
    }
  };
  visit(node);
  return { names, usesThis };
}

/** The class a path sits in (for `this`), or null. */
function enclosingClass(path: ASTPath): unknown {
  let current: ASTPath | null = path.parent as ASTPath | null;
  while (current) {
    const type = current.node.type;
    if (type === 'ClassDeclaration' || type === 'ClassExpression') return current.node;
    current = current.parent as ASTPath | null;
  }
  return null;
}

/**
 * True when an expression written at `from` means the same thing when written at `to`: every
 * name it reads has the same binding there, and a `this` is the same class's instance.
 */
export function isPortable(expression: unknown, from: ASTPath, to: ASTPath): boolean {
  const { names, usesThis } = freeNames(expression);
  for (const name of names) if (!sameBinding(name, from, to)) return false;
  if (usesThis) {
    const cls = enclosingClass(from);
    if (!cls || cls !== enclosingClass(to)) return false;
  }
  return true;
}
