import type { Collection } from 'jscodeshift';

/**
 * Where a line comment may be inserted without changing what the code means or whether it
 * parses. A `// …` written at the start of a line is code only between tokens of JavaScript: the
 * same characters inside a string continued with `\`, a template literal, a regular expression,
 * a block comment or JSX text become part of that text, and among JSX tags or attributes they
 * are no comment at all.
 */

interface SpanNode {
  type: string;
  start: number;
  end: number;
}

/** Text that runs up to and including both of its ends: a comment at either end lands inside it. */
const TEXT_INCLUSIVE: ReadonlySet<string> = new Set(['TemplateElement', 'JSXText']);
/** Text delimited by characters of its own (quotes, slashes): only strictly inside is inside. */
const TEXT_DELIMITED: ReadonlySet<string> = new Set(['StringLiteral', 'DirectiveLiteral', 'RegExpLiteral', 'Literal', 'StringLiteralTypeAnnotation']);
/** JSX structure, where `//` is text or a syntax error; an expression container leads back to JavaScript. */
const JSX_STRUCTURE: ReadonlySet<string> = new Set([
  'JSXElement',
  'JSXFragment',
  'JSXOpeningElement',
  'JSXClosingElement',
  'JSXOpeningFragment',
  'JSXClosingFragment',
  'JSXAttribute',
  'JSXNamespacedName',
  'JSXMemberExpression',
]);
const JSX_EXPRESSION: ReadonlySet<string> = new Set(['JSXExpressionContainer', 'JSXSpreadAttribute', 'JSXSpreadChild']);

function isSpanNode(value: unknown): value is SpanNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    typeof (value as { start?: unknown }).start === 'number' &&
    typeof (value as { end?: unknown }).end === 'number'
  );
}

/** The children of a node, in no particular order (location data and comments left out). */
function* childrenOf(node: SpanNode): Generator<SpanNode> {
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'tokens' || key === 'extra') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isSpanNode(item)) yield item;
    } else if (isSpanNode(value)) {
      yield value;
    }
  }
}

/** The nodes that contain `offset` (start ≤ offset ≤ end), outermost first. */
function nodesAround(file: SpanNode, offset: number): SpanNode[] {
  const chain: SpanNode[] = [];
  let current: SpanNode | undefined = file;
  while (current) {
    chain.push(current);
    let next: SpanNode | undefined;
    for (const child of childrenOf(current)) {
      if (child.start <= offset && offset <= child.end && child !== current) {
        // Of two children touching at `offset`, the one that starts there holds it.
        if (!next || child.start === offset) next = child;
      }
    }
    current = next;
  }
  return chain;
}

function fileNodeOf(root: Collection): SpanNode | null {
  const node = root.get()?.node as unknown;
  return isSpanNode(node) ? node : null;
}

/** Whether a `// …` line comment inserted at `offset` stays a comment and changes nothing else. */
export function acceptsLineComment(root: Collection, offset: number): boolean {
  const file = fileNodeOf(root);
  if (!file) return false;
  const comments = (file as unknown as { comments?: unknown[] }).comments ?? [];
  for (const comment of comments) {
    if (isSpanNode(comment) && comment.start < offset && offset < comment.end) return false;
  }
  let inJsx = false;
  for (const node of nodesAround(file, offset)) {
    if (TEXT_INCLUSIVE.has(node.type)) return false;
    if (TEXT_DELIMITED.has(node.type) && node.start < offset && offset < node.end) return false;
    if (node.start < offset && offset < node.end) {
      if (JSX_STRUCTURE.has(node.type)) inJsx = true;
      else if (JSX_EXPRESSION.has(node.type)) inJsx = false;
    }
    if (node.start === offset && node.type === 'JSXText') return false;
  }
  return !inJsx;
}

/** Statements and declarations: a line comment in front of one, on a line of its own, is always safe. */
function isStatementLike(node: SpanNode): boolean {
  return /(Statement|Declaration)$/.test(node.type) || node.type === 'ClassProperty' || node.type === 'ClassMethod' || node.type === 'ObjectProperty';
}

/**
 * Where a comment about the code at `offset` goes: the first non-blank character of its line
 * when a comment may stand there, else the start of the nearest statement that begins a line and
 * may take one, enclosing the code or else the start of its line (a line that begins inside a
 * string continued from the line above); null when there is no such place.
 */
export function lineCommentOffset(root: Collection, source: string, offset: number): number | null {
  const lineStartOf = (at: number): number => source.lastIndexOf('\n', at - 1) + 1;
  const firstNonBlank = (lineStart: number): number => lineStart + (/^[ \t]*/.exec(source.slice(lineStart, lineStart + 256))?.[0].length ?? 0);
  const own = firstNonBlank(lineStartOf(offset));
  if (acceptsLineComment(root, own)) return own;
  const file = fileNodeOf(root);
  if (!file) return null;
  for (const at of [offset, own]) {
    for (const node of nodesAround(file, at).reverse()) {
      if (!isStatementLike(node) || node.start > at) continue;
      if (firstNonBlank(lineStartOf(node.start)) !== node.start) continue;
      if (acceptsLineComment(root, node.start)) return node.start;
    }
  }
  return null;
}
