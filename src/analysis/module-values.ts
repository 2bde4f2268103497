import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf, perTree, treeSlot } from '../ast/node-index';
import { type AnyNode, asNode, memberPropertyName, objectProperties, propertyName, stringValue, unwrapExpression } from '../ast/nodes';
import type { PackageFacts } from '../types';
import { declaringScope } from './local-values';

/**
 * Static config values that one module exports and another reads: `AUTH_CONFIG.responseType`
 * where `AUTH_CONFIG` is imported from `./auth0-variables`, or `environment.auth0` from Angular's
 * environment file. The package scan records each file's exported literals as facts; a
 * transform reading an option resolves the import against them, so a login config split over
 * two files is judged like one written in a single file: its custom domain, its ID-token-only
 * response type or its Management audience are seen, not guessed.
 *
 * Before: `new auth0.WebAuth({ domain: AUTH_CONFIG.domain, responseType: AUTH_CONFIG.responseType })`
 * was "responseType is not a literal" and a custom domain in the other file went unnoticed.
 * After:  the values are read from `src/auth0-variables.js`; a value that must change is reported
 * with the place to change it (`src/auth0-variables.js:4:17`). Nothing is written to the other
 * file: a value there may serve more than this login.
 */

/** Entry written for an exported value: `chain@line:column=value` (the runner puts `file#` before it). */
const ENTRY = /^(.+?)#([\w$.-]+)@(\d+):(\d+)=(.*)$/;

/** A key that can sit in an entry's chain without escaping. */
const PLAIN_KEY = /^[\w$-]+$/;

const MAX_ENTRIES = 200;
const MAX_DEPTH = 4;
const MAX_STRING = 500;

/** `value` of an entry: a JSON string, `true` / `false`, an object (`{}`, or `{…}` when a spread or computed key hides some keys), or `?`. */
const OBJECT = '{}';
const OPEN_OBJECT = '{…}';
const OTHER = '?';

const EXPORTS = treeSlot<readonly string[]>('exported values');

/** The file's exported literal values as fact entries (without the file part). */
export function exportedValueEntries(j: JSCodeshift, root: Collection): readonly string[] {
  return perTree(root, EXPORTS, () => collectExports(j, root));
}

function collectExports(j: JSCodeshift, root: Collection): string[] {
  const entries: string[] = [];
  const program = asNode((root.get() as ASTPath).node);
  const body = (asNode(program?.program)?.body ?? program?.body ?? []) as AnyNode[];
  const constants = topLevelConstants(body);
  const changed = changedObjects(j, root);
  const add = (chain: string, node: AnyNode, value: string): void => {
    if (entries.length >= MAX_ENTRIES) return;
    const loc = (node.loc as { start: { line: number; column: number } } | undefined)?.start;
    entries.push(`${chain}@${loc?.line ?? 0}:${(loc?.column ?? 0) + 1}=${value}`);
  };
  const visit = (chain: string, value: unknown, depth: number): void => {
    let node = unwrapExpression(value);
    if (!node) return;
    if (node.type === 'Identifier') {
      // An object the file changes after building it (`AUTH_CONFIG.domain = …`) shows no value.
      if (changed.has(node.name as string)) {
        add(chain, node, OTHER);
        return;
      }
      node = constants.get(node.name as string) ?? node;
    }
    const text = stringValue(node);
    if (text !== undefined) {
      add(chain, node, text.length <= MAX_STRING ? JSON.stringify(text) : OTHER);
      return;
    }
    if ((node.type === 'BooleanLiteral' || node.type === 'Literal') && typeof node.value === 'boolean') {
      add(chain, node, String(node.value));
      return;
    }
    if (node.type !== 'ObjectExpression' || depth >= MAX_DEPTH) {
      add(chain, node, OTHER);
      return;
    }
    const properties = objectProperties(node);
    const open = properties.some((p) => propertyName(p) === undefined || !PLAIN_KEY.test(propertyName(p) as string));
    add(chain, node, open ? OPEN_OBJECT : OBJECT);
    for (const property of properties) {
      const key = propertyName(property);
      if (key !== undefined && PLAIN_KEY.test(key)) visit(`${chain}.${key}`, property.value, depth + 1);
    }
  };

  for (const statement of body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = asNode(statement.declaration);
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations as AnyNode[]) {
          const id = asNode(declarator.id);
          if (id?.type === 'Identifier' && declaration.kind === 'const') visit(id.name as string, id, 0);
        }
      }
      for (const specifier of (statement.specifiers ?? []) as AnyNode[]) {
        const local = asNode(specifier.local);
        const exported = asNode(specifier.exported);
        if (statement.source || local?.type !== 'Identifier' || exported?.type !== 'Identifier') continue;
        const init = constants.get(local.name as string);
        if (init) visit(exported.name as string, init, 0);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      visit('default', statement.declaration, 0);
    } else if (statement.type === 'ExpressionStatement') {
      const expression = unwrapExpression(statement.expression);
      if (expression?.type !== 'AssignmentExpression' || expression.operator !== '=') continue;
      const target = moduleExportsTarget(expression.left);
      if (target) visit(target, expression.right, 0);
    }
  }
  return entries;
}

/** The module's own `const` bindings (exported or not) and their values: nothing can rebind them. */
function topLevelConstants(body: readonly AnyNode[]): Map<string, AnyNode> {
  const constants = new Map<string, AnyNode>();
  for (const statement of body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? asNode(statement.declaration) : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations as AnyNode[]) {
      const id = asNode(declarator.id);
      const init = unwrapExpression(declarator.init);
      if (id?.type === 'Identifier' && init) constants.set(id.name as string, init);
    }
  }
  return constants;
}

/** Names whose object the file changes: `X.k = …` (at any depth), `delete X.k`, `Object.assign(X, …)`. */
function changedObjects(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  const rootName = (node: unknown): void => {
    let current = unwrapExpression(node);
    while (current && (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression')) current = unwrapExpression(current.object);
    if (current?.type === 'Identifier' && current !== unwrapExpression(node)) names.add(current.name as string);
  };
  nodesOf(j, root, j.AssignmentExpression).forEach((path) => rootName(path.node.left));
  nodesOf(j, root, j.UnaryExpression, { operator: 'delete' }).forEach((path) => rootName(path.node.argument));
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    if (memberPropertyName(callee) !== 'assign' || unwrapExpression(callee?.object)?.name !== 'Object') return;
    const target = unwrapExpression((path.node.arguments as unknown[])[0]);
    if (target?.type === 'Identifier') names.add(target.name as string);
  });
  return names;
}

/** `module.exports` → `default`; `module.exports.A` / `exports.A` → `default.A`. */
function moduleExportsTarget(left: unknown): string | undefined {
  const node = unwrapExpression(left);
  if (node?.type !== 'MemberExpression' || node.computed) return undefined;
  const object = unwrapExpression(node.object);
  const property = asNode(node.property)?.name as string | undefined;
  if (object?.type === 'Identifier' && object.name === 'module' && property === 'exports') return 'default';
  if (object?.type === 'Identifier' && object.name === 'exports' && property) return `default.${property}`;
  if (object?.type === 'MemberExpression' && moduleExportsTarget(object) === 'default' && property) return `default.${property}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading another module's values

/** What an expression reads from another module (or a constant object of this file). */
export type StaticValue =
  | { kind: 'string'; value: string; where: string }
  | { kind: 'boolean'; value: boolean; where: string }
  | { kind: 'object'; open: boolean; where: string; chain: string; file: string }
  | { kind: 'other'; where: string }
  /** Angular-style environment files that disagree on the value (`environment.ts` and `environment.prod.ts`). */
  | { kind: 'varies'; where: string };

interface Located {
  where: string;
  value: string;
}

/** Entries by `file#chain`, built once per package facts. */
const INDEXES = new WeakMap<readonly string[], Map<string, Located>>();

function indexOf(entries: readonly string[]): Map<string, Located> {
  let index = INDEXES.get(entries);
  if (!index) {
    index = new Map();
    for (const entry of entries) {
      const match = ENTRY.exec(entry);
      if (match) index.set(`${match[1]}#${match[2]}`, { where: `${match[1]}:${match[3]}:${match[4]}`, value: match[5] });
    }
    INDEXES.set(entries, index);
  }
  return index;
}

type Ctx = { j: JSCodeshift; root: Collection; filePath?: string; packageFacts?: PackageFacts };

const SOURCE_EXTENSIONS = ['', '.ts', '.js', '.tsx', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js'];

/**
 * The value `node` (an imported name, or a chain of keys under one: `environment.auth0.domain`)
 * has in the module it comes from, when the package scan saw that module export a literal there.
 */
export function importedValue(ctx: Ctx, node: unknown): StaticValue | undefined {
  const exportsSeen = ctx.packageFacts?.exportedValues;
  if (!exportsSeen || exportsSeen.length === 0 || !ctx.filePath) return undefined;
  const chain = keyChain(node);
  if (!chain) return undefined;
  const binding = importBinding(ctx, chain.root);
  if (!binding) return undefined;
  const keys = binding.name === '*' ? chain.keys : [binding.name, ...chain.keys];
  if (keys.length === 0) return undefined;
  const index = indexOf(exportsSeen);
  for (const file of moduleFiles(ctx.filePath, binding.source, ctx.packageFacts?.path ?? '.')) {
    // An ES module read through require() or a CommonJS one through import: try both shapes.
    const value =
      lookup(index, file, keys) ?? (keys[0] === 'default' ? lookup(index, file, keys.slice(1)) : lookup(index, file, ['default', ...keys]));
    if (value) return environmentVariants(index, file, value.chain, value.found);
  }
  return undefined;
}

/**
 * The module an expression reads from (`'./auth0-variables'` for `AUTH_CONFIG.domain`), when its
 * root name is imported or required: whether or not the package scan saw that module's values.
 */
export function importSource(ctx: Pick<Ctx, 'j' | 'root'>, node: unknown): string | undefined {
  const chain = keyChain(node);
  return chain ? importBinding(ctx, chain.root)?.source : undefined;
}

function lookup(index: Map<string, Located>, file: string, keys: readonly string[]): { chain: string; found: Located } | undefined {
  const chain = keys.join('.');
  const found = index.get(`${file}#${chain}`);
  return found ? { chain, found } : undefined;
}

function toStaticValue(found: Located, file: string, chain: string): StaticValue {
  if (found.value === OBJECT || found.value === OPEN_OBJECT) return { kind: 'object', open: found.value === OPEN_OBJECT, where: found.where, chain, file };
  if (found.value === OTHER) return { kind: 'other', where: found.where };
  if (found.value === 'true' || found.value === 'false') return { kind: 'boolean', value: found.value === 'true', where: found.where };
  try {
    const value: unknown = JSON.parse(found.value);
    return typeof value === 'string' ? { kind: 'string', value, where: found.where } : { kind: 'other', where: found.where };
  } catch {
    return { kind: 'other', where: found.where };
  }
}

/** Angular swaps `environment.ts` for `environment.<name>.ts` at build time: the value must be the same in all of them. */
const ENVIRONMENT_FILE = /(^|\/)environments\/(environment)(\.[\w-]+)?\.(ts|js)$/;

function environmentVariants(index: Map<string, Located>, file: string, chain: string, found: Located): StaticValue {
  const value = toStaticValue(found, file, chain);
  if (!ENVIRONMENT_FILE.test(file)) return value;
  const folder = file.slice(0, file.lastIndexOf('/') + 1);
  const exportName = chain.split('.')[0];
  // Every environment file beside it that exports the same name must hold the same value there.
  const siblings = new Set<string>();
  for (const key of index.keys()) {
    const [otherFile, otherChain] = key.split('#');
    const inFolder = otherFile.startsWith(folder) && !otherFile.slice(folder.length).includes('/') && ENVIRONMENT_FILE.test(otherFile);
    if (inFolder && otherChain.split('.')[0] === exportName) siblings.add(otherFile);
  }
  const variants = [...siblings].map((sibling) => index.get(`${sibling}#${chain}`));
  if (variants.some((v) => v?.value !== found.value)) {
    const where = [...siblings].map((sibling, i) => variants[i]?.where ?? sibling).sort();
    return { kind: 'varies', where: where.join(', ') };
  }
  return value;
}

/**
 * The files an import specifier may name, relative to the run's root like `from`: a relative
 * specifier from the importing file; a bare one (`src/environments/environment`, TypeScript's
 * `baseUrl`) from the package folder or its `src`. A package name finds no file of the package.
 */
function moduleFiles(from: string, specifier: string, packagePath: string): string[] {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
    // A package name (`config`, `@scope/x`) is no file of the package; a path with a folder may be.
    if (specifier.startsWith('@') || specifier.includes(':') || !specifier.includes('/')) return [];
    const root = packagePath === '.' || packagePath === '' ? '' : `${packagePath}/`;
    return [`${root}${specifier}`, `${root}src/${specifier}`].flatMap((base) => SOURCE_EXTENSIONS.map((extension) => base + extension));
  }
  const parts = from.split('/').slice(0, -1);
  for (const segment of specifier.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') {
      if (parts.length === 0) return [];
      parts.pop();
    } else parts.push(segment);
  }
  const base = parts.join('/');
  return SOURCE_EXTENSIONS.map((extension) => base + extension);
}

/** `a.b['c']` → root `a`, keys `b`, `c`. */
function keyChain(node: unknown): { root: AnyNode; keys: string[] } | undefined {
  const keys: string[] = [];
  let current = unwrapExpression(node);
  while (current && (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression')) {
    const property = asNode(current.property);
    const key = current.computed ? stringValue(property) : (property?.name as string | undefined);
    if (key === undefined || !PLAIN_KEY.test(key)) return undefined;
    keys.unshift(key);
    current = unwrapExpression(current.object);
  }
  return current?.type === 'Identifier' ? { root: current, keys } : undefined;
}

/**
 * What an identifier is bound to at module level: `import { A } from './m'` (A), `import d from`
 * (`default`), `import * as m from` (`*`), `const d = require('./m')`, `const { A } = require('./m')`.
 * A local of the same name where the identifier is read shadows the import: then nothing.
 */
function importBinding(ctx: Pick<Ctx, 'j' | 'root'>, identifier: AnyNode): { source: string; name: string } | undefined {
  const name = identifier.name as string;
  const path = nodesOf(ctx.j, ctx.root, ctx.j.Identifier, { name }).find((p) => p.node === (identifier as unknown));
  if (!path) return undefined;
  const binding = declaringScope(path, name)?.getBindings()[name];
  if (!binding || binding.length !== 1) return undefined;
  const declaration = binding[0].parent as ASTPath | null;
  const node = asNode(declaration?.node);
  if (!node) return undefined;
  if (node.type === 'ImportSpecifier' || node.type === 'ImportDefaultSpecifier' || node.type === 'ImportNamespaceSpecifier') {
    const source = stringValue(asNode(declaration?.parent?.node)?.source);
    if (source === undefined) return undefined;
    if (node.type === 'ImportDefaultSpecifier') return { source, name: 'default' };
    if (node.type === 'ImportNamespaceSpecifier') return { source, name: '*' };
    const imported = asNode(node.imported);
    return { source, name: (imported?.name as string | undefined) ?? stringValue(imported) ?? name };
  }
  if (node.type === 'VariableDeclarator') return requireBinding(node, name);
  // `const { A } = require('./m')`: the identifier sits in a property of the pattern.
  const property = node.type === 'Property' || node.type === 'ObjectProperty' ? node : undefined;
  const pattern = asNode(declaration?.parent?.node);
  const declarator = asNode(declaration?.parent?.parent?.node);
  if (property && pattern?.type === 'ObjectPattern' && declarator?.type === 'VariableDeclarator') {
    const source = requireSource(declarator.init);
    const key = propertyName(property);
    return source !== undefined && key !== undefined ? { source, name: `default.${key}` } : undefined;
  }
  return undefined;
}

function requireBinding(declarator: AnyNode, name: string): { source: string; name: string } | undefined {
  const id = asNode(declarator.id);
  if (id?.type !== 'Identifier' || id.name !== name) return undefined;
  const source = requireSource(declarator.init);
  return source === undefined ? undefined : { source, name: 'default' };
}

function requireSource(init: unknown): string | undefined {
  const call = unwrapExpression(init);
  if (call?.type !== 'CallExpression') return undefined;
  const callee = asNode(call.callee);
  const args = call.arguments as unknown[];
  if (callee?.type !== 'Identifier' || callee.name !== 'require' || args.length !== 1) return undefined;
  return stringValue(args[0]);
}

/** The value under `keys` in an object found by importedValue (`auth`, `params`, `scope`). */
export function importedObjectValue(ctx: Ctx, object: Extract<StaticValue, { kind: 'object' }>, keys: readonly string[]): StaticValue | undefined {
  const exportsSeen = ctx.packageFacts?.exportedValues;
  if (!exportsSeen) return undefined;
  const index = indexOf(exportsSeen);
  const chain = [object.chain, ...keys].join('.');
  const found = index.get(`${object.file}#${chain}`);
  return found ? environmentVariants(index, object.file, chain, found) : undefined;
}

/** True when the value comes from an Angular-style environment file, which others replace in other builds. */
export function isEnvironmentFile(where: string): boolean {
  return ENVIRONMENT_FILE.test(where.replace(/:\d+:\d+$/, ''));
}
