import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { Type } from 'ast-types/lib/types';

/**
 * One walk per parsed tree instead of one per query.
 *
 * Every `root.find(j.X)` is a full traversal of the tree by a freshly built ast-types visitor;
 * the analyses and transforms asked for about forty of them per file, and building and running
 * those visitors was most of the time spent on a file. `nodesOf(j, root, j.X)` answers the same
 * question from an index built by a single walk, the first time the tree is asked about:
 *
 * - the walk follows ast-types' visitor (the one jscodeshift's `find` runs) field by field, so
 *   the same nodes are reached, in the same order, as the very same `NodePath` objects
 *   (ast-types caches a path's children), and `path.scope`, `path.parent` and `path.get(…)`
 *   behave as they did (test/analysis/node-index.test.ts compares the two on every fixture);
 * - a query type matches its subtypes, as `find` does (`j.CallExpression` also returns
 *   `OptionalCallExpression`s, `j.Identifier` also `JSXIdentifier`s), in traversal order;
 * - the tree's root node itself is not returned, as `find` does not return it.
 *
 * The index is kept on the collection's root path itself (under a symbol), so it lives exactly as
 * long as the tree (on the path rather than the node: two collections wrapping the same node have
 * distinct path objects, and a caller must only ever get paths of its own). Not in a WeakMap keyed
 * by the path: V8's young-generation collections keep a WeakMap's values alive, so every tree
 * survived them and was copied, which was most of the garbage collector's time (about a quarter
 * of a run). That is safe because nothing here mutates a tree: transforms record text edits and
 * apply them to the source, and a source that changes is parsed again into a new tree.
 */

/** A `find`-style filter: every key must match, recursively; a function is a predicate. */
export type NodeFilter = { readonly [key: string]: unknown };

interface NodeIndex {
  /** Every node below the root, in traversal (pre-)order. */
  readonly nodes: readonly object[];
  /** Per node: the position in `nodes` of the nearest node above it, or -1 for the root. */
  readonly above: readonly number[];
  /** Per node: the `path.get(…)` steps from that node's path to this node's. */
  readonly steps: readonly (readonly (string | number)[])[];
  /** Per node: its path, once asked for. */
  readonly paths: (ASTPath | undefined)[];
  readonly rootPath: ASTPath;
  /** Positions in `nodes` bucketed by exact `type`. */
  readonly byType: ReadonlyMap<string, number[]>;
  /** Answers already computed for a query type name (which exact types it covers, merged in order). */
  readonly answers: Map<string, readonly number[]>;
  /** The paths of unfiltered answers, shared between callers. */
  readonly answerPaths: Map<string, readonly ASTPath[]>;
}

const INDEX = Symbol('auth0-mgmt-codemod node index');
const TREE_VALUES = Symbol('auth0-mgmt-codemod tree values');

/** A root path carrying what this module keeps for its tree. */
type RootPath = ASTPath & { [INDEX]?: NodeIndex; [TREE_VALUES]?: Map<TreeSlot<unknown>, unknown> };

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** Per exact type name: the names it answers to (itself and its ast-types supertypes). Global: the type system is fixed. */
const supertypeSets = new Map<string, ReadonlySet<string>>();

function answersTo(j: JSCodeshift, exactType: string): ReadonlySet<string> {
  let names = supertypeSets.get(exactType);
  if (!names) {
    names = new Set([exactType, ...j.types.getSupertypeNames(exactType)]);
    supertypeSets.set(exactType, names);
  }
  return names;
}

/** Per node type: its fields, in ast-types' order. Global: the type system is fixed. */
const fieldNames = new Map<string, readonly string[]>();

/** `getFieldNames` for a node of a type, without a fresh copy of the list for every node. */
function fieldNamesOf(j: JSCodeshift, type: string, node: object): readonly string[] {
  let names = fieldNames.get(type);
  if (!names) {
    names = j.types.getFieldNames(node);
    fieldNames.set(type, names);
  }
  return names;
}

/** The single root path of a collection (a parsed file's), or null for a collection of several paths. */
export function rootPathOf(root: Collection): ASTPath | null {
  const paths = root.paths();
  return paths.length === 1 ? paths[0] : null;
}

/**
 * The walk ast-types' `PathVisitor` makes for a `visitNode` visitor, written out without the
 * visitor machinery and without paths. It reaches the same nodes in the same order and throws
 * the same error for a node type ast-types does not know. For each node it notes the
 * `path.get(name)` / `path.get(index)` steps the visitor takes from the node above, so `pathAt`
 * can build the very path the visitor (or `find`) would have produced, through the same calls —
 * only for the nodes a query returns. It does not go into objects without a `type` (locations,
 * positions, a template element's `value`): a parser puts no node inside them, and they were
 * most of what the walk visited.
 */
function walkTree(j: JSCodeshift, rootPath: ASTPath): Pick<NodeIndex, 'nodes' | 'above' | 'steps' | 'byType'> {
  const nodes: object[] = [];
  const above: number[] = [];
  const steps: (string | number)[][] = [];
  const byType = new Map<string, number[]>();

  const visitTyped = (value: Record<string, unknown>, type: string, parent: number, trail: (string | number)[], isRoot: boolean): void => {
    // Throws "did not recognize object of type …" for an unknown node type, as the visitor does.
    const names = fieldNamesOf(j, type, value);
    let here = parent;
    let from: (string | number)[] = trail;
    if (!isRoot && answersTo(j, type).has('Node')) {
      here = nodes.length;
      nodes.push(value);
      above.push(parent);
      steps.push(trail);
      const bucket = byType.get(type);
      if (bucket) bucket.push(here);
      else byType.set(type, [here]);
      from = [];
    }
    for (const name of names) {
      // A field the parser left out holds its default, which is never a node (null, false, []):
      // nothing below it to visit. The visitor writes the default onto the node; this walk leaves
      // the parser's nodes as they are, which keeps their shapes.
      if (!hasOwn(value, name)) continue;
      const child = value[name];
      if (typeof child === 'object' && child !== null) visitValue(child, here, from, name);
    }
  };

  const visitValue = (value: object, parent: number, from: (string | number)[], step: string | number): void => {
    if (Array.isArray(value)) {
      const trail = [...from, step];
      for (let i = 0; i < value.length; i++) {
        if (!hasOwn(value, String(i))) continue;
        const element: unknown = value[i];
        if (typeof element === 'object' && element !== null) visitValue(element, parent, trail, i);
      }
      return;
    }
    const type = (value as { type?: unknown }).type;
    if (typeof type === 'string') visitTyped(value as Record<string, unknown>, type, parent, [...from, step], false);
  };

  const root = rootPath.value as unknown as Record<string, unknown>;
  visitTyped(root, root.type as string, -1, [], true);
  return { nodes, above, steps, byType };
}

function indexOf(j: JSCodeshift, rootPath: ASTPath): NodeIndex {
  let index = (rootPath as RootPath)[INDEX];
  if (index) return index;
  const walked = walkTree(j, rootPath);
  index = { ...walked, paths: new Array(walked.nodes.length), rootPath, answers: new Map(), answerPaths: new Map() };
  (rootPath as RootPath)[INDEX] = index;
  return index;
}

/** The path of the node at `position`, built (and kept) on first use through the visitor's own steps. */
function pathAt(index: NodeIndex, position: number): ASTPath {
  const known = index.paths[position];
  if (known) return known;
  const parent = index.above[position];
  let path = parent === -1 ? index.rootPath : pathAt(index, parent);
  for (const step of index.steps[position]) path = path.get(step) as ASTPath;
  index.paths[position] = path;
  return path;
}

function answer(j: JSCodeshift, index: NodeIndex, typeName: string): readonly number[] {
  const known = index.answers.get(typeName);
  if (known) return known;
  const exact = [...index.byType.keys()].filter((type) => answersTo(j, type).has(typeName));
  let positions: readonly number[];
  if (exact.length === 0) positions = [];
  else if (exact.length === 1) positions = index.byType.get(exact[0]) as number[];
  else if (exact.length === index.byType.size) positions = index.nodes.map((_, at) => at);
  else {
    // Several exact types: keep the traversal order across them.
    positions = exact.flatMap((type) => index.byType.get(type) as number[]).sort((a, b) => a - b);
  }
  index.answers.set(typeName, positions);
  return positions;
}

/** jscodeshift's `matchNode`: is `needle` a (recursive) subset of `haystack`. */
function matchNode(haystack: unknown, needle: unknown): boolean {
  if (typeof needle === 'function') return (needle as (value: unknown) => boolean)(haystack);
  if (typeof needle === 'object' && needle !== null && typeof haystack === 'object' && haystack !== null) {
    return Object.keys(needle).every(
      (key) => hasOwn(haystack, key) && matchNode((haystack as Record<string, unknown>)[key], (needle as Record<string, unknown>)[key]),
    );
  }
  return haystack === needle;
}

/**
 * The paths `root.find(type, filter)` would return, in the same order, from the tree's index.
 * `filter` may also be a predicate on the node. The array is shared between callers when there
 * is no filter: read it, never change it.
 */
export function nodesOf<T>(j: JSCodeshift, root: Collection, type: Type<T>, filter?: NodeFilter | ((node: T) => boolean)): readonly ASTPath<T>[] {
  const matches = (node: unknown): boolean => (typeof filter === 'function' ? filter(node as T) : matchNode(node, filter));
  const rootPath = rootPathOf(root);
  // A collection of several paths: ask jscodeshift, which walks each.
  if (!rootPath) {
    const found = root.find(type as never).paths() as unknown as ASTPath<T>[];
    return filter ? found.filter((p) => matches(p.value)) : found;
  }
  const index = indexOf(j, rootPath);
  const typeName = String(type);
  const positions = answer(j, index, typeName);
  // `find` matches the path's value, which is the node: filter before building any path.
  if (filter) return positions.filter((at) => matches(index.nodes[at])).map((at) => pathAt(index, at)) as ASTPath<T>[];
  let paths = index.answerPaths.get(typeName);
  if (!paths) {
    paths = positions.map((at) => pathAt(index, at));
    index.answerPaths.set(typeName, paths);
  }
  return paths as readonly ASTPath<T>[];
}

/** The exact node types present in the tree, from its index (null for a collection of several paths). */
export function nodeTypesOf(j: JSCodeshift, root: Collection): ReadonlySet<string> | null {
  const rootPath = rootPathOf(root);
  return rootPath ? new Set(indexOf(j, rootPath).byType.keys()) : null;
}

/** A typed slot for one analysis result per tree (see `perTree`). */
export interface TreeSlot<T> {
  readonly name: string;
  /** Never set: carries the slot's value type. */
  readonly _type?: T;
}

export function treeSlot<T>(name: string): TreeSlot<T> {
  return { name };
}


/**
 * An analysis result computed once per parsed tree and shared by every caller (the package scan
 * and each transform ask the same questions of the same tree). Keyed by the collection's root
 * path, so a re-parsed text gets fresh results. Results must be read, never changed, by callers.
 * A collection of several paths is not cached.
 */
export function perTree<T>(root: Collection, slot: TreeSlot<T>, compute: () => T): T {
  const rootPath = rootPathOf(root);
  if (!rootPath) return compute();
  let values = (rootPath as RootPath)[TREE_VALUES];
  if (!values) {
    values = new Map();
    (rootPath as RootPath)[TREE_VALUES] = values;
  }
  if (values.has(slot as TreeSlot<unknown>)) return values.get(slot as TreeSlot<unknown>) as T;
  const value = compute();
  values.set(slot as TreeSlot<unknown>, value);
  return value;
}
