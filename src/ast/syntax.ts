import type { Collection } from 'jscodeshift';
import { childNodes } from '../analysis/scope';
import { perTree, rootPathOf, treeSlot } from './node-index';
import type { AnyNode } from './nodes';

/**
 * Whether a file already uses syntax newer than ES5, so that what the codemod writes may use
 * it too. A file written in plain ES5 (a script tag app from before build tools) may run
 * untranspiled in a browser without ES2015 (IE 11): there a template literal is a syntax error
 * that stops the whole script, so such a file gets `'https://' + domain + '/api/v2/'` instead.
 * TypeScript and JSX are always compiled, so they count as modern.
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
  'JSXElement',
  'JSXFragment',
]);

const MODERN_SYNTAX = treeSlot<boolean>('modern syntax');

export function usesModernSyntax(root: Collection): boolean {
  return perTree(root, MODERN_SYNTAX, () => {
    const program = rootPathOf(root)?.node as unknown as AnyNode | undefined;
    if (!program) return true;
    const stack: AnyNode[] = [program];
    while (stack.length > 0) {
      const node = stack.pop() as AnyNode;
      const type = node.type;
      if (MODERN_NODE_TYPES.has(type) || type.startsWith('TS')) return true;
      if (type === 'VariableDeclaration' && node.kind !== 'var') return true;
      if ((type === 'ObjectMethod' || type === 'Property' || type === 'ObjectProperty') && (node.shorthand === true || node.computed === true || node.method === true)) return true;
      if ((type === 'FunctionDeclaration' || type === 'FunctionExpression' || type === 'ObjectMethod') && (node.async === true || node.generator === true)) return true;
      if (type === 'ObjectMethod') return true;
      stack.push(...childNodes(node));
    }
    return false;
  });
}
