import type { ASTNode } from 'jscodeshift';
import { spanOf } from './edits';
import { type AnyNode, asNode, isStringLiteral, quoteOf, unwrapExpression } from './nodes';

/**
 * A string expression built from string literals, template literals and `+`, seen as the run of
 * literal text and dynamic values it produces: `'a=' + x + `&b=${y}`` is text `a=`, value `x`,
 * text `&b=`, value `y`, text ``. URLs and url-encoded request bodies are read and edited this way.
 */

export interface TextPiece {
  kind: 'text';
  /** The text the piece produces (escapes resolved). */
  value: string;
  /** Source offsets of the piece's raw text: inside the quotes, or one chunk of a template. */
  start: number;
  end: number;
  /** What text spliced into this piece is written inside: a quoted string or a template. */
  container: 'string' | 'template';
  quote: '"' | "'" | '`';
  /** The raw text is the value itself (no escapes), so `start + i` is the source offset of `value[i]`. */
  exact: boolean;
}

export interface ExpressionPiece {
  kind: 'expression';
  node: AnyNode;
}

export type StringPiece = TextPiece | ExpressionPiece;

/** Replaces an identifier by the pieces of the string it stands for, or returns undefined to keep it as a value. */
export type ExpandIdentifier = (identifier: AnyNode) => StringPiece[] | undefined;

/**
 * The pieces of a string expression, in order. Anything that is not a string literal, a template
 * literal or a `+` of them is one expression piece (after `expand` had its chance on identifiers).
 */
export function stringPieces(source: string, node: unknown, expand?: ExpandIdentifier): StringPiece[] {
  const n = unwrapExpression(node);
  if (!n) return [];
  if (isStringLiteral(n)) {
    const [start, end] = spanOf(n as unknown as ASTNode);
    const raw = source.slice(start + 1, end - 1);
    const value = n.value as string;
    const quote = quoteOf(source, n as unknown as ASTNode);
    return [{ kind: 'text', value, start: start + 1, end: end - 1, container: 'string', quote, exact: raw === value }];
  }
  if (n.type === 'TemplateLiteral') {
    const quasis = n.quasis as AnyNode[];
    const expressions = n.expressions as AnyNode[];
    const pieces: StringPiece[] = [];
    quasis.forEach((quasi, i) => {
      const [start, end] = spanOf(quasi as unknown as ASTNode);
      const value = quasi.value as { raw: string; cooked: string | null };
      const text = value.cooked ?? value.raw;
      pieces.push({ kind: 'text', value: text, start, end, container: 'template', quote: '`', exact: value.raw === text });
      if (i < expressions.length) pieces.push(...stringPieces(source, expressions[i], expand));
    });
    return pieces;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    return [...stringPieces(source, n.left, expand), ...stringPieces(source, n.right, expand)];
  }
  if (n.type === 'Identifier' && expand) {
    const expanded = expand(n);
    if (expanded) return expanded;
  }
  return [{ kind: 'expression', node: n }];
}

/** True when the expression is made of string literals, templates and `+` and produces some literal text. */
export function hasLiteralText(pieces: readonly StringPiece[]): boolean {
  return pieces.some((p) => p.kind === 'text' && p.value !== '');
}

/** Escapes text for the inside of a template literal. */
export function templateText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** Whether a node is a string expression whose pieces all sit in this source (not through `expand`). */
export function isStringExpression(node: unknown): boolean {
  const n = unwrapExpression(node);
  if (!n) return false;
  if (isStringLiteral(n) || n.type === 'TemplateLiteral') return true;
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    return isStringExpression(asNode(n.left)) || isStringExpression(asNode(n.right));
  }
  return false;
}
