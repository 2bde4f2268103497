import type { ASTNode } from 'jscodeshift';
import type { EditList } from './edits';
import { spanOf } from './edits';
import {
  type AnyNode,
  dominantQuote,
  eolOf,
  findProperty,
  indentAt,
  isStringLiteral,
  objectProperties,
  propertyName,
  quoteOf,
  quoteString,
  stringValue,
} from './nodes';

/**
 * Idempotent mutators that record text edits. Each follows the code around it: the quote style of
 * neighbouring strings, the object's own layout (one property per line or inline, trailing comma
 * or not, indentation, quoted keys) and the file's line terminator.
 */

/** Replaces a string literal's value, keeping its quote character. No edit when the value is equal. */
export function setStringValue(edits: EditList, source: string, literal: ASTNode, value: string): boolean {
  if (stringValue(literal) === value) return false;
  edits.replaceNode(literal, quoteString(value, quoteOf(source, literal)));
  return true;
}

/** The quote to use for a new string value in this object: that of its string-valued properties, else the file's. */
export function quoteForObject(source: string, obj: unknown): '"' | "'" {
  for (const prop of objectProperties(obj)) {
    const value = prop.value as ASTNode | undefined;
    if (value && isStringLiteral(value)) {
      const q = quoteOf(source, value);
      if (q !== '`') return q;
    }
  }
  return dominantQuote(source);
}

export interface InsertPropertyOptions {
  /** Insert just before the first of these existing properties that is present; else after the last property. */
  before?: readonly string[];
  /** Insert just after the first of these existing properties that is present (wins over `before`). */
  after?: readonly string[];
}

/**
 * Adds `key: valueText` to an object literal, laid out like its siblings.
 * Returns false (and edits nothing) when the key is already present.
 */
export function insertProperty(
  edits: EditList,
  source: string,
  obj: ASTNode,
  key: string,
  valueText: string,
  placement: InsertPropertyOptions = {},
): boolean {
  if (findProperty(obj, key)) return false;
  const props = objectProperties(obj);
  const [objStart, objEnd] = spanOf(obj);
  const eol = eolOf(source);
  const keyText = keyLike(source, props, key);
  const style = spacingOf(source, props);
  const entry = `${keyText}${style.colon}${valueText}`;

  if (props.length === 0) {
    const inner = source.slice(objStart + 1, objEnd - 1);
    if (inner.includes('\n')) {
      const indent = indentAt(source, objStart) + indentUnit(source);
      edits.replace(objStart + 1, objEnd - 1, `${eol}${indent}${entry}${eol}${indentAt(source, objStart)}`);
    } else {
      edits.replace(objStart + 1, objEnd - 1, ` ${entry} `);
    }
    return true;
  }

  const multiline = isMultiline(source, props, objStart);
  const anchorAfter = pickAnchor(props, placement.after);
  const anchorBefore = anchorAfter ? undefined : pickAnchor(props, placement.before);

  if (anchorBefore) {
    const [start] = spanOf(anchorBefore as unknown as ASTNode);
    const leading = leadingCommentStart(anchorBefore, start);
    if (multiline) {
      const indent = indentAt(source, leading);
      edits.insert(lineStartOf(source, leading) + indent.length, `${entry},${eol}${indent}`);
    } else {
      edits.insert(start, `${entry},${style.afterComma}`);
    }
    return true;
  }

  const anchor = anchorAfter ?? props[props.length - 1];
  const [, anchorEnd] = spanOf(anchor as unknown as ASTNode);
  const isLast = anchor === props[props.length - 1];
  const commaAt = commaAfter(source, anchorEnd, isLast ? objEnd - 1 : undefined);
  // A comma after the anchor (separator or trailing comma) stays where it is and the new entry
  // takes one of its own; without one, the new entry goes after a fresh comma.
  if (multiline) {
    const indent = indentAt(source, spanOf(anchor as unknown as ASTNode)[0]);
    if (commaAt !== -1) edits.insert(commaAt + 1, `${eol}${indent}${entry},`);
    else edits.insert(anchorEnd, `,${eol}${indent}${entry}`);
    return true;
  }
  if (commaAt !== -1) edits.insert(commaAt + 1, `${style.afterComma}${entry},`);
  else edits.insert(anchorEnd, `,${style.afterComma}${entry}`);
  return true;
}

/** Sets a string-valued property: replaces the literal when present, inserts it otherwise. */
export function setStringProperty(
  edits: EditList,
  source: string,
  obj: ASTNode,
  key: string,
  value: string,
  placement: InsertPropertyOptions = {},
): boolean {
  const prop = findProperty(obj, key);
  if (prop) {
    const valueNode = prop.value as ASTNode;
    if (!isStringLiteral(valueNode) && stringValue(valueNode) === undefined) return false;
    if (stringValue(valueNode) === value) return false;
    const q = quoteOf(source, valueNode);
    edits.replaceNode(valueNode, quoteString(value, q));
    return true;
  }
  return insertProperty(edits, source, obj, key, quoteString(value, quoteForObject(source, obj)), placement);
}

/**
 * How the object spaces its entries: what stands between a key and its value (`: `, `:`) and, in
 * an inline object, after a comma (` ` or nothing). Compact code stays compact.
 */
function spacingOf(source: string, props: AnyNode[]): { colon: string; afterComma: string } {
  let colon = ': ';
  for (const p of props) {
    const key = p.key as ASTNode | undefined;
    const value = p.value as ASTNode | undefined;
    if (!key || !value || p.shorthand || p.computed) continue;
    const between = source.slice(spanOf(key)[1], spanOf(value)[0]);
    if (/^\s*:\s*$/.test(between) && !between.includes('\n')) colon = between;
    break;
  }
  let afterComma = ' ';
  if (props.length >= 2) {
    const between = source.slice(spanOf(props[0] as unknown as ASTNode)[1], spanOf(props[1] as unknown as ASTNode)[0]);
    if (/^\s*,[ \t]*$/.test(between)) afterComma = between.slice(between.indexOf(',') + 1);
  }
  return { colon, afterComma };
}

function pickAnchor(props: AnyNode[], names: readonly string[] | undefined): AnyNode | undefined {
  if (!names) return undefined;
  for (const name of names) {
    const found = props.find((p) => propertyName(p) === name);
    if (found) return found;
  }
  return undefined;
}

function isMultiline(source: string, props: AnyNode[], objStart: number): boolean {
  const [firstStart] = spanOf(props[0] as unknown as ASTNode);
  return source.slice(objStart, firstStart).includes('\n');
}

/** Offset of the comma following `from` (skipping whitespace and comments), or -1. */
function commaAfter(source: string, from: number, limit?: number): number {
  let i = from;
  const end = limit ?? source.length;
  while (i < end) {
    const ch = source[i];
    if (ch === ',') return i;
    if (ch === '/' && source[i + 1] === '/') {
      const nl = source.indexOf('\n', i);
      if (nl === -1) return -1;
      i = nl + 1;
      continue;
    }
    if (ch === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      if (close === -1) return -1;
      i = close + 2;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    return -1;
  }
  return -1;
}

function lineStartOf(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** Where a property's own leading comments start, so an insertion goes above them. */
function leadingCommentStart(prop: AnyNode, start: number): number {
  const comments = (prop.comments ?? prop.leadingComments) as { leading?: boolean; start?: number }[] | undefined;
  let first = start;
  for (const c of comments ?? []) {
    if (c.leading !== false && typeof c.start === 'number' && c.start < first) first = c.start;
  }
  return first;
}

/** Writes the key the way the object's other keys are written (bare or quoted). */
function keyLike(source: string, props: AnyNode[], key: string): string {
  for (const p of props) {
    const k = p.key as ASTNode | undefined;
    if (k && isStringLiteral(k)) return quoteString(key, quoteOf(source, k) === '`' ? "'" : (quoteOf(source, k) as '"' | "'"));
    if (k) return key;
  }
  return key;
}

function indentUnit(source: string): string {
  const m = /\n(\t+|[ ]{2,})\S/.exec(source);
  if (!m) return '  ';
  return m[1].startsWith('\t') ? '\t' : m[1].length % 4 === 0 && m[1].length >= 4 ? '    ' : '  ';
}
