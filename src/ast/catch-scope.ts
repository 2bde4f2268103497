import type { ASTPath, JSCodeshift } from 'jscodeshift';

/**
 * ast-types (under jscodeshift and recast) gives every `catch` clause a scope that declares its
 * parameter, and asserts that the parameter is a pattern. ES2019's optional catch binding,
 * `try { … } catch { … }`, has none, so any scope lookup from inside such a block threw "null
 * does not match type Pattern" (benjamn/ast-types#944, facebook/jscodeshift#586, both open), and
 * the whole file failed. Worse, ast-types counts the declarations of a catch body in the
 * enclosing scope only when the parameter is a plain name, so a `const` in a `catch { … }` block
 * was found nowhere.
 *
 * This gives a catch clause without a parameter the scope JavaScript gives its block: the names
 * the block declares (`let`, `const`, `var`, functions, classes), found the way ast-types finds
 * a scope's names. It is installed on the copy of ast-types a given jscodeshift uses (the
 * stock jscodeshift CLI may bring its own) and leaves every other scope to ast-types.
 */

interface ScopeLike {
  node: { type?: string; param?: unknown };
  path: ASTPath;
  didScan: boolean;
  bindings: Record<string, ASTPath[]>;
  types: Record<string, unknown>;
  scan(force?: boolean): void;
}

const PATCHED = Symbol.for('auth0-mgmt-codemod.optional-catch-binding');

type ScopePrototype = ScopeLike & { [PATCHED]?: true };

export function allowOptionalCatchBinding(j: JSCodeshift): void {
  const types = j.types as unknown as {
    NodePath: new (value: unknown) => { scope: ScopeLike | null };
    namedTypes: { Expression: { check(node: unknown): boolean } };
  };
  const scope = new types.NodePath({ type: 'Program', body: [], directives: [] }).scope;
  if (!scope) return;
  const prototype = Object.getPrototypeOf(scope) as ScopePrototype;
  if (prototype[PATCHED]) return;
  const isExpression = (node: unknown): boolean => types.namedTypes.Expression.check(node);
  const scan = prototype.scan;
  prototype.scan = function scanAllowingOptionalCatchBinding(this: ScopeLike, force?: boolean): void {
    if (this.node?.type !== 'CatchClause' || this.node.param != null) {
      scan.call(this, force);
      return;
    }
    if (!force && this.didScan) return;
    for (const name of Object.keys(this.bindings)) delete this.bindings[name];
    for (const name of Object.keys(this.types)) delete this.types[name];
    declareBlock(this.path.get('body') as ASTPath, this.bindings, isExpression);
    this.didScan = true;
  };
  prototype[PATCHED] = true;
}

function add(bindings: Record<string, ASTPath[]>, path: ASTPath, name: string): void {
  (bindings[name] ??= []).push(path);
}

/** The names a binding pattern declares, each with the path of its identifier. */
function declarePattern(path: ASTPath, bindings: Record<string, ASTPath[]>): void {
  const node = path.node as unknown as { type?: string; name?: string } | null;
  switch (node?.type) {
    case 'Identifier':
      add(bindings, path, node.name as string);
      break;
    case 'ObjectPattern':
      (path.get('properties') as ASTPath).each?.((property: ASTPath) => {
        const kind = (property.node as unknown as { type: string }).type;
        declarePattern((kind === 'RestElement' ? property.get('argument') : property.get('value')) as ASTPath, bindings);
      });
      break;
    case 'ArrayPattern':
      (path.get('elements') as ASTPath).each?.((element: ASTPath) => {
        if (element.node) declarePattern(element, bindings);
      });
      break;
    case 'AssignmentPattern':
      declarePattern(path.get('left') as ASTPath, bindings);
      break;
    case 'RestElement':
      declarePattern(path.get('argument') as ASTPath, bindings);
      break;
    default:
      break;
  }
}

/**
 * Declarations in a block and the statements nested in it, stopping at expressions (functions
 * and classes written as expressions among them) and at nested scopes, as ast-types does.
 */
function declareBlock(path: ASTPath, bindings: Record<string, ASTPath[]>, isExpression: (node: unknown) => boolean): void {
  const node = path.node as unknown as Record<string, unknown> | null;
  if (!node || typeof node.type !== 'string' || isExpression(node)) return;
  switch (node.type) {
    case 'VariableDeclaration':
      (path.get('declarations') as ASTPath).each?.((declarator: ASTPath) => declarePattern(declarator.get('id') as ASTPath, bindings));
      return;
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      if (node.id) declarePattern(path.get('id') as ASTPath, bindings);
      return;
    case 'CatchClause':
      // A scope of its own.
      return;
    default:
      break;
  }
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'type' || key === 'comments' || key.endsWith('Comments') || key === 'extra') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (item && typeof item === 'object') declareBlock(path.get(key, index) as ASTPath, bindings, isExpression);
      });
    } else if (value && typeof value === 'object') {
      declareBlock(path.get(key) as ASTPath, bindings, isExpression);
    }
  }
}
