import type { Collection } from 'jscodeshift';
import { perTree, treeSlot } from '../ast/node-index';
import { asNode, type AnyNode } from '../ast/nodes';

/**
 * Lexical scopes over a raw parse, for the questions token tracing asks: which declaration does a
 * name refer to here, is that the same declaration as over there, is it ever reassigned, and
 * which function decides what `this` means at a place.
 *
 * ast-types' own scopes (jscodeshift's `path.scope`) stop at functions: `let`/`const` in a block
 * land in the enclosing function, so a block-local shadowing an outer name is missed. These
 * scopes follow the language: functions, blocks, `for` heads, `catch` clauses and the program.
 */

export type BindingKind = 'var' | 'let' | 'const' | 'param' | 'function' | 'class' | 'import' | 'catch' | 'other';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The node whose scope holds the binding (a function, block, program, `for` or `catch`). */
  scope: AnyNode;
  /** Every `VariableDeclarator` declaring the name in that scope (more than one for a re-declared `var`). */
  declarators: AnyNode[];
}

/** Keys of a node that hold no child nodes worth visiting (positions, comments, tokens, type-only parts). */
const SKIPPED_KEYS = new Set([
  'type',
  'loc',
  'start',
  'end',
  'range',
  'extra',
  'tokens',
  'errors',
  'comments',
  'leadingComments',
  'trailingComments',
  'innerComments',
]);

/** Parts of a node that are TypeScript/Flow types: names in them are not runtime references. */
const TYPE_KEYS = new Set(['typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'superTypeParameters', 'implements', 'predicate']);

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

const CLASS_FIELD_TYPES = new Set(['ClassProperty', 'ClassPrivateProperty', 'PropertyDefinition', 'ClassAccessorProperty']);
/** Class members whose `key` names the member, not a binding. */
const CLASS_MEMBER_KEYS = new Set([...CLASS_FIELD_TYPES, 'ClassMethod', 'ClassPrivateMethod', 'MethodDefinition', 'ObjectMethod']);

export function isFunctionNode(node: AnyNode | undefined): boolean {
  return !!node && FUNCTION_TYPES.has(node.type);
}

/** The child nodes of a node, in source order of their keys. */
export function childNodes(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const key of Object.keys(node)) {
    const value = node[key];
    // Most keys hold names, flags and offsets: only objects can be or hold nodes.
    if (typeof value !== 'object' || value === null) continue;
    if (SKIPPED_KEYS.has(key) || TYPE_KEYS.has(key)) continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        const child = asNode(item);
        if (child) out.push(child);
      }
    } else {
      const child = asNode(value);
      if (child) out.push(child);
    }
  }
  return out;
}

/** Names a binding pattern declares: `a`, `{ a, b: c }`, `[a, ...b]`, `a = 1`, TS `private a`. */
export function patternNames(pattern: unknown): string[] {
  const p = asNode(pattern);
  if (!p) return [];
  switch (p.type) {
    case 'Identifier':
      return [p.name as string];
    case 'ObjectPattern':
      return (p.properties as AnyNode[]).flatMap((prop) =>
        prop.type === 'RestElement' ? patternNames(prop.argument) : patternNames(prop.value),
      );
    case 'ArrayPattern':
      return (p.elements as unknown[]).flatMap((e) => patternNames(e));
    case 'AssignmentPattern':
      return patternNames(p.left);
    case 'RestElement':
      return patternNames(p.argument);
    case 'TSParameterProperty':
      return patternNames(p.parameter);
    default:
      return [];
  }
}

export class ScopeIndex {
  private parentMap: Map<AnyNode, AnyNode> | undefined;
  private runtimeOrder: AnyNode[] | undefined;
  private readonly scopeBindings = new Map<AnyNode, Map<string, Binding>>();
  private reassigned: Set<Binding> | undefined;

  constructor(readonly root: AnyNode) {}

  /**
   * Every node's parent, mapped on the first question: a file whose transform finds nothing to
   * trace never asks one, and mapping a whole tree is a walk over every node. The same walk lists
   * the nodes outside type annotations in source (pre-)order, for `runtimeNodes`.
   */
  private get parents(): Map<AnyNode, AnyNode> {
    if (this.parentMap) return this.parentMap;
    const parents = new Map<AnyNode, AnyNode>();
    const order: AnyNode[] = [];
    const visit = (node: AnyNode, inType: boolean): void => {
      if (!inType) order.push(node);
      for (const key of Object.keys(node)) {
        const value = node[key];
        if (typeof value !== 'object' || value === null || SKIPPED_KEYS.has(key)) continue;
        const childInType = inType || TYPE_KEYS.has(key);
        for (const item of Array.isArray(value) ? value : [value]) {
          const child = asNode(item);
          if (!child) continue;
          parents.set(child, node);
          visit(child, childInType);
        }
      }
    };
    visit(this.root, false);
    this.parentMap = parents;
    this.runtimeOrder = order;
    return parents;
  }

  /**
   * Every node of the tree that is not part of a type annotation, in source (pre-)order: what a
   * walk over `childNodes` from the root reaches, without walking again.
   */
  runtimeNodes(): readonly AnyNode[] {
    if (!this.runtimeOrder) void this.parents;
    return this.runtimeOrder as AnyNode[];
  }

  parentOf(node: AnyNode): AnyNode | undefined {
    return this.parents.get(node);
  }

  /** Ancestors of a node, nearest first. */
  ancestors(node: AnyNode): AnyNode[] {
    const out: AnyNode[] = [];
    for (let p = this.parents.get(node); p; p = this.parents.get(p)) out.push(p);
    return out;
  }

  /** True when `inner` is `outer` or lies inside it. */
  contains(outer: AnyNode, inner: AnyNode): boolean {
    for (let n: AnyNode | undefined = inner; n; n = this.parents.get(n)) if (n === outer) return true;
    return false;
  }

  /** The declaration `name` refers to at `at`, or null for a global (or undeclared) name. */
  resolve(name: string, at: AnyNode): Binding | null {
    for (let scope = this.parents.get(at); scope; scope = this.parents.get(scope)) {
      const found = this.bindingsOf(scope).get(name);
      if (found) return found;
    }
    return null;
  }

  /** True when the binding is assigned anywhere after its declaration (or declared twice). */
  isReassigned(binding: Binding): boolean {
    if (binding.declarators.length > 1) return true;
    if (!this.reassigned) this.reassigned = this.collectReassigned();
    return this.reassigned.has(binding);
  }

  /** The node that decides what `this` is at `node`: a non-arrow function, a class body (fields) or the program. */
  thisScopeOf(node: AnyNode): AnyNode {
    let child: AnyNode = node;
    for (let p = this.parents.get(node); p; child = p, p = this.parents.get(p)) {
      if (isFunctionNode(p) && p.type !== 'ArrowFunctionExpression') return p;
      if (CLASS_FIELD_TYPES.has(p.type) && child === p.value) {
        const body = this.parents.get(p);
        if (body) return body;
      }
      if (p.type === 'StaticBlock') {
        const body = this.parents.get(p);
        if (body) return body;
      }
    }
    return this.root;
  }

  /**
   * The class whose instance `this` is at `node` (inside a method, constructor, field or arrow
   * function of it), or undefined when `this` is something else there.
   */
  thisClassOf(node: AnyNode): AnyNode | undefined {
    const scope = this.thisScopeOf(node);
    if (scope.type === 'ClassBody') return this.parents.get(scope);
    if (!isFunctionNode(scope)) return undefined;
    const parent = this.parents.get(scope);
    if (scope.type === 'ClassMethod' || scope.type === 'ClassPrivateMethod') {
      if (scope.static) return undefined;
      return parent ? this.parents.get(parent) : undefined;
    }
    if (parent && parent.type === 'MethodDefinition' && !parent.static) {
      const body = this.parents.get(parent);
      return body ? this.parents.get(body) : undefined;
    }
    return undefined;
  }

  /**
   * The runtime names an expression reads, as nodes: identifiers in reference position and `this`.
   * Property keys, non-computed member properties and type annotations are not references.
   * Returns null when the expression contains a function, whose body has names of its own.
   */
  references(expression: AnyNode): AnyNode[] | null {
    const out: AnyNode[] = [];
    let hasFunction = false;
    const visit = (node: AnyNode): void => {
      if (hasFunction) return;
      if (isFunctionNode(node) || node.type === 'ClassExpression') {
        hasFunction = true;
        return;
      }
      if (node.type === 'Identifier' || node.type === 'ThisExpression' || node.type === 'Super') {
        out.push(node);
        return;
      }
      if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
        visit(node.object as AnyNode);
        if (node.computed) visit(node.property as AnyNode);
        return;
      }
      if (node.type === 'Property' || node.type === 'ObjectProperty') {
        if (node.computed) visit(node.key as AnyNode);
        visit(node.value as AnyNode);
        return;
      }
      for (const child of childNodes(node)) visit(child);
    };
    visit(expression);
    return hasFunction ? null : out;
  }

  /**
   * Every identifier that reads or writes `binding` (not the declaration itself, nor a property
   * name or object key that happens to be spelled alike).
   */
  referencesTo(binding: Binding, declaration?: AnyNode): AnyNode[] {
    const out: AnyNode[] = [];
    for (const node of this.runtimeNodes()) {
      if (node.type !== 'Identifier' || node.name !== binding.name || node === declaration) continue;
      const parent = this.parentOf(node);
      if (parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) continue;
      // `{ a: 1 }` names a key; `{ a }` reads `a` once, through its value (the key may be another node).
      if (parent && (parent.type === 'Property' || parent.type === 'ObjectProperty') && parent.key === node && !parent.computed && parent.value !== node) continue;
      if (parent && CLASS_MEMBER_KEYS.has(parent.type) && parent.key === node && !parent.computed) continue;
      if (this.resolve(binding.name, node) === binding) out.push(node);
    }
    return out;
  }

  /**
   * How the file uses a function of its own that nothing exports (`function linkAccount(jwt)`,
   * `var f = function (jwt) {…}`): the calls that name it, and the calls it is handed to as a
   * callback (`lock.on('authenticated', handler)`). Undefined when it may be called from
   * elsewhere: exported, a method, stored or passed on in any other way.
   */
  usesOf(fn: AnyNode): { calls: AnyNode[]; callbacks: AnyNode[] } | undefined {
    const name = this.functionName(fn);
    if (!name) return undefined;
    const binding = this.resolve(name.name as string, name);
    if (!binding) return undefined;
    const calls: AnyNode[] = [];
    const callbacks: AnyNode[] = [];
    for (const reference of this.referencesTo(binding, name)) {
      const parent = this.parentOf(reference);
      const isCall = parent !== undefined && (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression');
      if (isCall && parent.callee === reference) calls.push(parent);
      else if (isCall && (parent.arguments as unknown[]).includes(reference)) callbacks.push(parent);
      else return undefined;
    }
    return calls.length + callbacks.length > 0 ? { calls, callbacks } : undefined;
  }

  /**
   * The name of a function declared at the file's top level (`function f`, `var f = function`): in
   * a classic script, a global of the page that other scripts and inline handlers can call.
   */
  topLevelName(fn: AnyNode): string | undefined {
    const parent = this.parentOf(fn);
    if (fn.type === 'FunctionDeclaration' && parent?.type === 'Program') return asNode(fn.id)?.name as string | undefined;
    if (parent?.type !== 'VariableDeclarator') return undefined;
    const declaration = this.parentOf(parent);
    if (declaration && this.parentOf(declaration)?.type === 'Program') return asNode(parent.id)?.name as string | undefined;
    return undefined;
  }

  /** The name a function is declared or bound under, when nothing exports it. */
  private functionName(fn: AnyNode): AnyNode | undefined {
    const parent = this.parentOf(fn);
    if (parent && (parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportDefaultDeclaration')) return undefined;
    if (fn.type === 'FunctionDeclaration') return asNode(fn.id) ?? undefined;
    if (parent?.type !== 'VariableDeclarator' || parent.init !== fn) return undefined;
    const id = asNode(parent.id);
    const declaration = this.parentOf(parent);
    if (declaration && this.parentOf(declaration)?.type === 'ExportNamedDeclaration') return undefined;
    return id?.type === 'Identifier' ? id : undefined;
  }

  private bindingsOf(scope: AnyNode): Map<string, Binding> {
    let map = this.scopeBindings.get(scope);
    if (map) return map;
    map = new Map();
    this.scopeBindings.set(scope, map);
    const add = (name: string, kind: BindingKind, declarator?: AnyNode): void => {
      const existing = map?.get(name);
      if (existing) {
        if (declarator) existing.declarators.push(declarator);
        return;
      }
      map?.set(name, { name, kind, scope, declarators: declarator ? [declarator] : [] });
    };

    if (isFunctionNode(scope)) {
      for (const param of (scope.params as unknown[]) ?? []) for (const name of patternNames(param)) add(name, 'param');
      if (scope.type === 'FunctionExpression' && asNode(scope.id)) add(asNode(scope.id)?.name as string, 'function');
      const body = asNode(scope.body);
      if (body) this.collectVars(body, add);
      return map;
    }
    switch (scope.type) {
      case 'Program':
        this.collectStatements(scope.body as AnyNode[], add);
        this.collectVars(scope, add);
        break;
      case 'BlockStatement':
      case 'StaticBlock':
        this.collectStatements(scope.body as AnyNode[], add);
        break;
      case 'SwitchStatement':
        for (const c of scope.cases as AnyNode[]) this.collectStatements(c.consequent as AnyNode[], add);
        break;
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        const head = asNode(scope.type === 'ForStatement' ? scope.init : scope.left);
        if (head?.type === 'VariableDeclaration' && head.kind !== 'var') this.declareVariables(head, add);
        break;
      }
      case 'CatchClause':
        for (const name of patternNames(scope.param)) add(name, 'catch');
        break;
      case 'ClassExpression':
      case 'ClassDeclaration': {
        const id = asNode(scope.id);
        if (id?.type === 'Identifier') add(id.name as string, 'class');
        break;
      }
      default:
        break;
    }
    return map;
  }

  /** Block-level declarations directly in a statement list (`let`, `const`, classes, functions, imports). */
  private collectStatements(statements: AnyNode[], add: (name: string, kind: BindingKind, declarator?: AnyNode) => void): void {
    for (const raw of statements) {
      let statement: AnyNode | null = raw;
      if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') {
        statement = asNode(statement.declaration);
      }
      if (!statement) continue;
      if (statement.type === 'VariableDeclaration' && statement.kind !== 'var') this.declareVariables(statement, add);
      else if (['FunctionDeclaration', 'ClassDeclaration', 'TSEnumDeclaration', 'TSModuleDeclaration'].includes(statement.type)) {
        const id = asNode(statement.id);
        if (id?.type === 'Identifier') add(id.name as string, statement.type === 'ClassDeclaration' ? 'class' : statement.type === 'FunctionDeclaration' ? 'function' : 'other');
      } else if (statement.type === 'ImportDeclaration') {
        for (const spec of statement.specifiers as AnyNode[]) {
          const local = asNode(spec.local);
          if (local?.type === 'Identifier') add(local.name as string, 'import');
        }
      } else if (statement.type === 'TSImportEqualsDeclaration') {
        const id = asNode(statement.id);
        if (id?.type === 'Identifier') add(id.name as string, 'import');
      }
    }
  }

  /** `var` declarations anywhere under `node` that belong to its function (or program). */
  private collectVars(node: AnyNode, add: (name: string, kind: BindingKind, declarator?: AnyNode) => void): void {
    const visit = (n: AnyNode): void => {
      if (n !== node && (isFunctionNode(n) || n.type === 'ClassBody')) return;
      if (n.type === 'VariableDeclaration' && n.kind === 'var') this.declareVariables(n, add);
      for (const child of childNodes(n)) visit(child);
    };
    visit(node);
  }

  private declareVariables(declaration: AnyNode, add: (name: string, kind: BindingKind, declarator?: AnyNode) => void): void {
    const kind = declaration.kind === 'const' ? 'const' : declaration.kind === 'let' ? 'let' : 'var';
    for (const declarator of declaration.declarations as AnyNode[]) {
      for (const name of patternNames(declarator.id)) add(name, kind, declarator);
    }
  }

  private collectReassigned(): Set<Binding> {
    const out = new Set<Binding>();
    const mark = (target: unknown): void => {
      const t = asNode(target);
      if (!t) return;
      if (t.type === 'Identifier') {
        const binding = this.resolve(t.name as string, t);
        if (binding) out.add(binding);
        return;
      }
      if (t.type === 'ObjectPattern' || t.type === 'ArrayPattern' || t.type === 'AssignmentPattern' || t.type === 'RestElement') {
        for (const name of patternNames(t)) {
          const binding = this.resolve(name, t);
          if (binding) out.add(binding);
        }
      }
    };
    for (const n of this.runtimeNodes()) {
      if (n.type === 'AssignmentExpression') mark(n.left);
      else if (n.type === 'UpdateExpression') mark(n.argument);
      else if ((n.type === 'ForInStatement' || n.type === 'ForOfStatement') && asNode(n.left)?.type !== 'VariableDeclaration') mark(n.left);
    }
    return out;
  }
}

const SCOPE_INDEX = treeSlot<ScopeIndex>('scope index');

/** The tree's ScopeIndex, built once and shared by every transform that asks. */
export function scopeIndexOf(root: Collection): ScopeIndex {
  return perTree(root, SCOPE_INDEX, () => new ScopeIndex(root.paths()[0].node as unknown as AnyNode));
}

/**
 * Where a variable read at `identifier` is declared, when that is inside a function: the line and
 * column of the declaring scope (`12:4`). Undefined for a module-level or global name, which a
 * page's scripts share, and for a parameter. Two functions that each declare `var lock` hold two
 * different logins.
 */
export function localScopeOf(scope: ScopeIndex, identifier: AnyNode): string | undefined {
  const binding = scope.resolve(identifier.name as string, identifier);
  // A parameter holds what its caller hands in (an injected `lock` or `angularAuth0` service, the
  // app's one client): it names the package-wide holder, not a client of its own.
  if (!binding || binding.kind === 'param') return undefined;
  if (!isFunctionNode(binding.scope) && !scope.ancestors(binding.scope).some(isFunctionNode)) return undefined;
  const start = (binding.scope.loc as { start: { line: number; column: number } } | undefined)?.start;
  return start ? `${start.line}:${start.column}` : undefined;
}
