import type { Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf, nodeTypesOf, perTree, treeSlot } from './node-index';

/**
 * Whether a file already uses syntax newer than ES5, so that what the codemod writes may use
 * it too. A file written in plain ES5 (a script tag app from before build tools) may run
 * untranspiled in a browser without ES2015 (IE 11): there a template literal is a syntax error
 * that stops the whole script, so such a file gets `'https://' + domain + '/api/v2/'` instead.
 * TypeScript and JSX are always compiled, so they count as modern. Read from the tree's node
 * index: no walk of its own.
 */

const MODERN_NODE_TYPES = new Set([
  'TemplateLiteral',
  'TaggedTemplateExpression',
  'ArrowFunctionExpression',
  'ClassDeclaration',
  'ClassExpression',
  'ImportDeclaration',
  'ImportExpression',
  'ExportNamedDeclaration',
  'ExportDefaultDeclaration',
  'ExportAllDeclaration',
  'SpreadElement',
  'RestElement',
  'ObjectPattern',
  'ArrayPattern',
  'ForOfStatement',
  'AwaitExpression',
  'YieldExpression',
  'OptionalMemberExpression',
  'OptionalCallExpression',
  'ObjectMethod',
  'JSXElement',
  'JSXFragment',
]);

const MODERN_SYNTAX = treeSlot<boolean>('modern syntax');

export function usesModernSyntax(j: JSCodeshift, root: Collection): boolean {
  return perTree(root, MODERN_SYNTAX, () => {
    const types = nodeTypesOf(j, root);
    if (!types) return true;
    for (const type of types) if (MODERN_NODE_TYPES.has(type) || type.startsWith('TS')) return true;
    if (nodesOf(j, root, j.VariableDeclaration, (d) => d.kind !== 'var').length > 0) return true;
    if (nodesOf(j, root, j.Function, (f) => f.async === true || f.generator === true).length > 0) return true;
    const es2015Property = (p: { shorthand?: boolean; computed?: boolean; method?: boolean }): boolean =>
      p.shorthand === true || p.computed === true || p.method === true;
    return nodesOf(j, root, j.Property, es2015Property).length > 0 || nodesOf(j, root, j.ObjectProperty, es2015Property).length > 0;
  });
}
