import type { ASTNode } from 'jscodeshift';
import { spanOf, textOf } from './edits';

/**
 * Small read-only helpers over the node shapes the three parsers produce: the `babel` parser
 * gives ESTree `Property`/`Literal`, the `ts`/`tsx` parsers Babel's `ObjectProperty`/`StringLiteral`.
 */

export interface AnyNode {
  type: string;
  [key: string]: unknown;
}

export function asNode(value: unknown): AnyNode | null {
  return typeof value === 'object' && value !== null && typeof (value as AnyNode).type === 'string'
    ? (value as AnyNode)
    : null;
}

export function isStringLiteral(node: unknown): boolean {
  const n = asNode(node);
  return !!n && (n.type === 'StringLiteral' || (n.type === 'Literal' && typeof n.value === 'string'));
}

/** The value of a string literal or of a template literal without expressions; else undefined. */
export function stringValue(node: unknown): string | undefined {
  const n = asNode(node);
  if (!n) return undefined;
  if (isStringLiteral(n)) return n.value as string;
  if (n.type === 'TemplateLiteral') {
    const expressions = n.expressions as unknown[];
    const quasis = n.quasis as { value: { cooked: string | null } }[];
    if (expressions.length === 0 && quasis.length === 1) return quasis[0].value.cooked ?? undefined;
  }
  return undefined;
}

export function isObjectExpression(node: unknown): boolean {
  return asNode(node)?.type === 'ObjectExpression';
}

/** A plain `key: value` or shorthand property (not a method, spread or accessor). */
export function isPlainProperty(node: unknown): boolean {
  const n = asNode(node);
  if (!n) return false;
  if (n.type === 'ObjectProperty') return true;
  return n.type === 'Property' && n.kind === 'init' && !n.method;
}

/** The static name of a property key (`a`, `'a'`, `"a"`), or undefined for computed keys. */
export function propertyName(node: unknown): string | undefined {
  const n = asNode(node);
  if (!n || !isPlainProperty(n) || n.computed) return undefined;
  const key = asNode(n.key);
  if (!key) return undefined;
  if (key.type === 'Identifier') return key.name as string;
  return stringValue(key);
}

export function objectProperties(obj: unknown): AnyNode[] {
  const n = asNode(obj);
  return n && n.type === 'ObjectExpression' ? (n.properties as AnyNode[]) : [];
}

/** The last plain property with this name (later keys win in JS object literals). */
export function findProperty(obj: unknown, name: string): AnyNode | undefined {
  const props = objectProperties(obj).filter((p) => propertyName(p) === name);
  return props[props.length - 1];
}

export function propertyValue(obj: unknown, name: string): AnyNode | undefined {
  const prop = findProperty(obj, name);
  return prop ? asNode(prop.value) ?? undefined : undefined;
}

/** True when the object contains a spread (`...x`): keys may come from elsewhere. */
export function hasSpread(obj: unknown): boolean {
  return objectProperties(obj).some((p) => p.type === 'SpreadElement' || p.type === 'SpreadProperty');
}

/** `a.b` member with a static property name (`a.b`, `a['b']`) → 'b'. */
export function memberPropertyName(node: unknown): string | undefined {
  const n = asNode(node);
  if (!n || (n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression')) return undefined;
  const prop = asNode(n.property);
  if (!prop) return undefined;
  if (n.computed) return stringValue(prop);
  return keyName(prop);
}

/** The name a call calls: `f` of `f(…)`, `m` of `x.m(…)`. */
export function calleeName(call: unknown): string | undefined {
  const callee = unwrapExpression(asNode(call)?.callee);
  return callee?.type === 'Identifier' ? (callee.name as string) : memberPropertyName(callee);
}

/**
 * The name a property key or class member key spells: `a` and `'a'` give `a`; a private name
 * `#a` gives `#a`, so it matches `this.#a` (memberPropertyName) and never a public `a`.
 */
export function keyName(key: unknown): string | undefined {
  const k = asNode(key);
  if (!k) return undefined;
  if (k.type === 'Identifier') return k.name as string;
  if (k.type === 'PrivateName') {
    const id = asNode(k.id);
    return id?.type === 'Identifier' ? `#${id.name as string}` : undefined;
  }
  return stringValue(k);
}

/** Class fields, public and private, in the AST dialects the parsers produce. */
export const CLASS_FIELD_TYPES: ReadonlySet<string> = new Set(['ClassProperty', 'ClassPrivateProperty', 'PropertyDefinition', 'ClassAccessorProperty']);

/** Class methods, public and private. */
export const CLASS_METHOD_TYPES: ReadonlySet<string> = new Set(['ClassMethod', 'ClassPrivateMethod', 'MethodDefinition']);

/** Strips TS `as`/`!`/`<T>` wrappers and parentheses to reach the runtime expression. */
export function unwrapExpression(node: unknown): AnyNode | null {
  let n = asNode(node);
  while (
    n &&
    (n.type === 'TSAsExpression' ||
      n.type === 'TSNonNullExpression' ||
      n.type === 'TSTypeAssertion' ||
      n.type === 'TSSatisfiesExpression' ||
      n.type === 'ParenthesizedExpression' ||
      n.type === 'TypeCastExpression')
  ) {
    n = asNode(n.expression);
  }
  return n;
}

/** The quote character a string literal was written with. */
export function quoteOf(source: string, node: ASTNode): '"' | "'" | '`' {
  const first = textOf(source, node)[0];
  return first === '"' || first === '`' ? first : "'";
}

/** A JS string literal for `value`, written with `quote`. */
export function quoteString(value: string, quote: '"' | "'" | '`'): string {
  let body = value.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  body = quote === '`' ? body.replace(/`/g, '\\`').replace(/\$\{/g, '\\${') : body.split(quote).join(`\\${quote}`);
  return `${quote}${body}${quote}`;
}

/** 1-based line of an offset. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** The whitespace that starts the line containing `offset`. */
export function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const match = /^[ \t]*/.exec(source.slice(lineStart));
  return match ? match[0] : '';
}

/** The file's line terminator, judged by its first line break. */
export function eolOf(source: string): '\n' | '\r\n' {
  const i = source.indexOf('\n');
  return i > 0 && source[i - 1] === '\r' ? '\r\n' : '\n';
}

/** The dominant string quote in the file; used for values we insert where no sibling tells. */
export function dominantQuote(source: string): '"' | "'" {
  let single = 0;
  let double = 0;
  for (const m of source.matchAll(/(^|[=:(,\s[{])(['"])/g)) {
    if (m[2] === "'") single++;
    else double++;
  }
  return double > single ? '"' : "'";
}

export { spanOf, textOf };

/**
 * One level of indentation as the file writes it: tabs, or its smallest indentation in spaces
 * (block-comment continuation lines excluded).
 */
export function fileIndentUnit(source: string): string {
  let smallest = 0;
  for (const m of source.matchAll(/\n(\t|[ ]+)[^\s*]/g)) {
    if (m[1] === '\t') return '\t';
    if (smallest === 0 || m[1].length < smallest) smallest = m[1].length;
  }
  return smallest >= 2 ? ' '.repeat(Math.min(smallest, 8)) : '  ';
}
