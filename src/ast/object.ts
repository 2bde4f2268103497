import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';
import { EditList, spanOf } from './edits';
import {
  type AnyNode,
  dominantQuote,
  eolOf,
  fileIndentUnit,
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
      edits.replace(objStart + 1, objEnd - 1, `${eol}${indent}${entry}${eol}${indentAt(source, objStart)}`, 'member');
    } else {
      edits.replace(objStart + 1, objEnd - 1, ` ${entry} `, 'member');
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
      edits.insert(lineStartOf(source, leading) + indent.length, `${entry},${eol}${indent}`, 'member');
    } else {
      edits.insert(start, `${entry},${style.afterComma}`, 'member');
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
    if (commaAt !== -1) edits.insert(commaAt + 1, `${eol}${indent}${entry},`, 'member');
    else edits.insert(anchorEnd, `,${eol}${indent}${entry}`, 'member');
    return true;
  }
  if (commaAt !== -1) edits.insert(commaAt + 1, `${style.afterComma}${entry},`, 'member');
  else edits.insert(anchorEnd, `,${style.afterComma}${entry}`, 'member');
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

// ---------------------------------------------------------------------------------------------
// Layout after insertion

/** Columns a line may take before an object we added members to is laid out one member per line. */
export const LINE_LIMIT = 100;
/** A tab counts as this many columns when a line is measured. */
const TAB_COLUMNS = 4;
/** Objects nest; each round lays out one level more (the outermost first). */
const MAX_ROUNDS = 6;

export interface LayoutInput {
  j: JSCodeshift;
  /** Parses a text with the file's parser; may throw. */
  parse: (text: string) => Collection;
  /** The text after every edit. */
  text: string;
  /** Where the member edits' text landed in it (EditList.applyTracking). */
  members: readonly (readonly [number, number])[];
}

/**
 * Lays out, one member per line, each single-line object literal that gained members (or was
 * added whole) and whose line is now longer than LINE_LIMIT columns, as a person (or Prettier)
 * would write it: the outermost such object first, then any object inside it whose own line is
 * still too long. Only the white space between members changes, so every member keeps its text.
 * Objects with comments between their members are left as they are, as is everything when the
 * text cannot be parsed.
 */
export function layOutGrownObjects(input: LayoutInput): string {
  let text = input.text;
  let members = input.members.map(([start, end]) => [start, end] as [number, number]);
  if (!members.some(([start, end]) => longestLine(text, start, end) > LINE_LIMIT)) return text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let root: Collection;
    try {
      root = input.parse(text);
    } catch {
      return text;
    }
    const objects = root.find(input.j.ObjectExpression).nodes() as unknown as AnyNode[];
    const spans = objects.map((node) => spanOf(node as unknown as ASTNode));
    const grown = grownObjects(spans, members);
    const oneLine = (i: number): boolean => !text.slice(spans[i][0], spans[i][1]).includes('\n');
    const tooLong = [...grown].filter((i) => oneLine(i) && lineWidth(text, spans[i][0]) > LINE_LIMIT);
    // An object laid out over lines breaks the single-line objects around it too, as Prettier
    // does: the outermost of them goes first, and the next round looks at what is inside it.
    const breaking = new Set(tooLong.map((i) => outermostOneLineAround(spans, i, oneLine)));
    const outermost = [...breaking].filter((i) => ![...breaking].some((k) => k !== i && spans[k][0] <= spans[i][0] && spans[i][1] <= spans[k][1]));
    const trailingComma = followsWithComma(text, objects, spans);
    const edits = new EditList();
    for (const i of outermost) expandObject(text, objects[i], trailingComma, edits);
    if (edits.size === 0) break;
    members = members.map(([start, end]) => [edits.mapOffset(start), edits.mapOffset(end)]);
    text = edits.applyTo(text);
  }
  return text;
}

/**
 * The objects (indexes into `spans`) that gained members through the edits' text: for each
 * text, the innermost object holding it, and every object within it (an object added whole).
 */
function grownObjects(spans: readonly [number, number][], members: readonly [number, number][]): Set<number> {
  const grown = new Set<number>();
  for (const [from, to] of members) {
    let innermost = -1;
    spans.forEach(([start, end], i) => {
      if (from <= start && end <= to) grown.add(i);
      else if (start < from && to < end && (innermost === -1 || start >= spans[innermost][0])) innermost = i;
    });
    if (innermost !== -1) grown.add(innermost);
  }
  return grown;
}

/** The outermost single-line object that holds object `i` (on the same line, then), or `i` itself. */
function outermostOneLineAround(spans: readonly [number, number][], i: number, oneLine: (k: number) => boolean): number {
  let outer = i;
  spans.forEach(([start, end], k) => {
    if (start <= spans[i][0] && spans[i][1] <= end && start <= spans[outer][0] && spans[outer][1] <= end && oneLine(k)) outer = k;
  });
  return outer;
}

/** Whether most multi-line objects of the file end their last member with a comma. */
function followsWithComma(text: string, objects: readonly AnyNode[], spans: readonly [number, number][]): boolean {
  let withComma = 0;
  let without = 0;
  objects.forEach((obj, i) => {
    const props = objectProperties(obj);
    if (props.length === 0 || !text.slice(spans[i][0], spans[i][1]).includes('\n')) return;
    const tail = text.slice(spanOf(props[props.length - 1] as unknown as ASTNode)[1], spans[i][1] - 1);
    if (tail.trimStart().startsWith(',')) withComma++;
    else without++;
  });
  return withComma > without;
}

function lineBoundsAt(text: string, offset: number): [number, number] {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const end = newline === -1 ? text.length : newline;
  return [start, end > start && text[end - 1] === '\r' ? end - 1 : end];
}

function lineWidth(text: string, offset: number): number {
  const [start, end] = lineBoundsAt(text, offset);
  let width = 0;
  for (let i = start; i < end; i++) width += text[i] === '\t' ? TAB_COLUMNS : 1;
  return width;
}

/** The widest line that [start, end) touches. */
function longestLine(text: string, start: number, end: number): number {
  let widest = 0;
  for (let at = start; ; ) {
    widest = Math.max(widest, lineWidth(text, at));
    const next = text.indexOf('\n', at);
    if (next === -1 || next >= end) return widest;
    at = next + 1;
  }
}

/** Records the edits that put each member of a single-line object on a line of its own. */
function expandObject(text: string, obj: AnyNode, trailingComma: boolean, edits: EditList): void {
  const props = objectProperties(obj);
  if (props.length === 0) return;
  const [objStart, objEnd] = spanOf(obj as unknown as ASTNode);
  const spans = props.map((p) => spanOf(p as unknown as ASTNode));
  const between = spans.slice(1).map(([start], i) => [spans[i][1], start] as const);
  // Only white space and the separating commas may be rewritten: anything else (a comment) stays.
  if (!/^\s*$/.test(text.slice(objStart + 1, spans[0][0]))) return;
  if (!between.every(([from, to]) => /^\s*,\s*$/.test(text.slice(from, to)))) return;
  const tail = text.slice(spans[spans.length - 1][1], objEnd - 1);
  if (!/^\s*,?\s*$/.test(tail)) return;
  const eol = eolOf(text);
  const indent = indentAt(text, objStart);
  const inner = indent + nestingUnit(text);
  edits.replace(objStart + 1, spans[0][0], `${eol}${inner}`);
  for (const [from, to] of between) edits.replace(from, to, `,${eol}${inner}`);
  edits.replace(spans[spans.length - 1][1], objEnd - 1, `${tail.includes(',') || trailingComma ? ',' : ''}${eol}${indent}`);
}

/**
 * One level of nesting as the text writes it: the step most often found between a line that
 * opens a block, object or call (ends with `{`, `[` or `(`) and the line after it. Unlike the
 * smallest indentation this also holds in a script block of an HTML page, whose every line is
 * indented by the markup around it.
 */
function nestingUnit(text: string): string {
  const lines = text.split('\n');
  const steps = new Map<string, number>();
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/[{[(]\s*$/.test(lines[i])) continue;
    const next = lines.slice(i + 1).find((line) => line.trim() !== '');
    if (next === undefined) continue;
    const outer = /^[ \t]*/.exec(lines[i])?.[0] ?? '';
    const inner = /^[ \t]*/.exec(next)?.[0] ?? '';
    if (inner.length <= outer.length || !inner.startsWith(outer)) continue;
    const step = inner.slice(outer.length);
    steps.set(step, (steps.get(step) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [step, n] of steps) if (best === undefined || n > (steps.get(best) ?? 0)) best = step;
  return best ?? fileIndentUnit(text);
}
