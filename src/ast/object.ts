import type { ASTNode, Collection } from 'jscodeshift';
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
  /** Parses a text with the file's parser; may throw. */
  parse: (text: string) => Collection;
  /** The text after every edit. */
  text: string;
  /** Where the member edits' text landed in it (EditList.applyTracking). */
  members: readonly (readonly [number, number])[];
  /**
   * The tree the edits were made against, and the edits. With them the objects are found in that
   * tree and mapped to the text, instead of parsing the text again; only an object the edits
   * added whole needs a parse.
   */
  before?: { root: Collection; edits: EditList };
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
  const parsed = (): ObjectShape[] | undefined => {
    try {
      return objectShapes(input.parse(text));
    } catch {
      return undefined;
    }
  };
  // Objects the edits added whole (a new `params: { … }` inside a new member) are known only to
  // a parse of the text; the tree before the edits has every other one.
  let complete = false;
  let objects: ObjectShape[];
  const mapped = input.before ? shapesBeforeEdits(input.before, text, members) : undefined;
  if (mapped) {
    objects = mapped;
  } else {
    const all = parsed();
    if (!all) return text;
    objects = all;
    complete = true;
  }
  // The file's habits, read once: what our edits change is white space inside objects.
  const unit = nestingUnit(text);
  const trailingComma = followsWithComma(text, objects);
  // Each round maps the objects through its own edits instead of parsing again.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const lines = new Map<number, boolean>();
    const oneLine = (i: number): boolean => {
      let known = lines.get(i);
      if (known === undefined) {
        known = text.indexOf('\n', objects[i].start) === -1 || text.indexOf('\n', objects[i].start) >= objects[i].end;
        lines.set(i, known);
      }
      return known;
    };
    const grown = grownObjects(objects, members);
    const tooLong = [...grown].filter((i) => oneLine(i) && lineWidth(text, objects[i].start) > LINE_LIMIT);
    // An object laid out over lines breaks the single-line objects around it too, as Prettier
    // does: the outermost of them goes first, and the next round looks at what is inside it.
    const breaking = [...new Set(tooLong.map((i) => outermostOneLineAround(objects, i, oneLine)))];
    const outermost = breaking.filter((i) => !breaking.some((k) => k !== i && contains(objects[k], objects[i])));
    const edits = new EditList();
    for (const i of outermost) expandObject(text, objects[i], unit, trailingComma, edits);
    if (edits.size === 0) break;
    members = members.map(([start, end]) => [edits.mapOffset(start), edits.mapOffset(end)]);
    objects = objects.map((o) => mapShape(o, edits));
    text = edits.applyTo(text);
    // A new object inside a member is still on a line that is too long: it needs the parse.
    if (!complete && round + 1 < MAX_ROUNDS && members.some(([start, end]) => text.slice(start, end).includes('{') && longestLine(text, start, end) > LINE_LIMIT)) {
      const all = parsed();
      if (!all) return text;
      objects = all;
      complete = true;
    }
  }
  return text;
}

/**
 * The objects of the text after the edits, from the tree before them: each object's span and
 * members mapped through the edits, plus the members the edits added (each member edit's text,
 * without the commas and white space around it, in the innermost object that holds it).
 * Undefined when an edit added a whole object, which only a parse can take apart.
 */
function shapesBeforeEdits(before: { root: Collection; edits: EditList }, text: string, members: readonly [number, number][]): ObjectShape[] | undefined {
  const originals = objectShapes(before.root);
  const memberEdits = before.edits.all.filter((e) => e.member);
  // Every member edit must lie inside an object that was there (not make one of its own).
  for (const e of memberEdits) if (!originals.some((o) => o.start < e.start && e.end < o.end)) return undefined;
  const shapes = originals.map((o) => ({
    start: before.edits.mapOffset(o.start),
    end: before.edits.mapOffset(o.end),
    members: o.members.map(([start, end]) => [before.edits.mapOffset(start, 'after'), before.edits.mapOffset(end)] as [number, number]),
  }));
  for (const [from, to] of members) {
    let innermost: ObjectShape | undefined;
    for (const shape of shapes) if (shape.start < from && to < shape.end && (!innermost || shape.start >= innermost.start)) innermost = shape;
    if (!innermost) return undefined;
    const piece = text.slice(from, to);
    const lead = /^[\s,]*/.exec(piece)?.[0].length ?? 0;
    const trail = /[\s,]*$/.exec(piece)?.[0].length ?? 0;
    if (lead + trail >= piece.length) continue;
    innermost.members.push([from + lead, to - trail]);
    innermost.members.sort((a, b) => a[0] - b[0]);
  }
  return shapes;
}

/** An object literal's span and its members' spans: all the layout pass needs of it. */
interface ObjectShape {
  start: number;
  end: number;
  members: [number, number][];
}

const NOT_CHILDREN = new Set(['loc', 'start', 'end', 'range', 'extra', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'tokens']);

/** Every object literal of a parsed text, found by walking the raw tree (no ast-types paths). */
function objectShapes(root: Collection): ObjectShape[] {
  const shapes: ObjectShape[] = [];
  const stack: unknown[] = root.paths().map((p) => p.node);
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const node = value as AnyNode;
    if (typeof node.type !== 'string') continue;
    if (node.type === 'ObjectExpression') {
      const [start, end] = spanOf(node as unknown as ASTNode);
      shapes.push({ start, end, members: objectProperties(node).map((p) => spanOf(p as unknown as ASTNode)) });
    }
    for (const key of Object.keys(node)) if (!NOT_CHILDREN.has(key)) stack.push(node[key]);
  }
  return shapes.sort((a, b) => a.start - b.start);
}

function mapShape(shape: ObjectShape, edits: EditList): ObjectShape {
  return {
    start: edits.mapOffset(shape.start),
    end: edits.mapOffset(shape.end),
    members: shape.members.map(([start, end]) => [edits.mapOffset(start), edits.mapOffset(end)] as [number, number]),
  };
}

function contains(outer: ObjectShape, inner: ObjectShape): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * The objects (indexes) that gained members through the edits' text: for each text, the
 * innermost object holding it, and every object within it (an object added whole).
 */
function grownObjects(objects: readonly ObjectShape[], members: readonly [number, number][]): Set<number> {
  const grown = new Set<number>();
  for (const [from, to] of members) {
    let innermost = -1;
    objects.forEach(({ start, end }, i) => {
      if (from <= start && end <= to) grown.add(i);
      else if (start < from && to < end && (innermost === -1 || start >= objects[innermost].start)) innermost = i;
    });
    if (innermost !== -1) grown.add(innermost);
  }
  return grown;
}

/** The outermost single-line object that holds object `i` (on the same line, then), or `i` itself. */
function outermostOneLineAround(objects: readonly ObjectShape[], i: number, oneLine: (k: number) => boolean): number {
  let outer = i;
  objects.forEach((o, k) => {
    if (contains(o, objects[i]) && contains(o, objects[outer]) && oneLine(k)) outer = k;
  });
  return outer;
}

/** Whether most multi-line objects of the file end their last member with a comma. */
function followsWithComma(text: string, objects: readonly ObjectShape[]): boolean {
  let withComma = 0;
  let without = 0;
  for (const o of objects) {
    if (o.members.length === 0 || !text.slice(o.start, o.end).includes('\n')) continue;
    const tail = text.slice(o.members[o.members.length - 1][1], o.end - 1);
    if (tail.trimStart().startsWith(',')) withComma++;
    else without++;
  }
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
function expandObject(text: string, obj: ObjectShape, unit: string, trailingComma: boolean, edits: EditList): void {
  const spans = obj.members;
  if (spans.length === 0) return;
  const { start: objStart, end: objEnd } = obj;
  const between = spans.slice(1).map(([start], i) => [spans[i][1], start] as const);
  // Only white space and the separating commas may be rewritten: anything else (a comment) stays.
  if (!/^\s*$/.test(text.slice(objStart + 1, spans[0][0]))) return;
  if (!between.every(([from, to]) => /^\s*,\s*$/.test(text.slice(from, to)))) return;
  const tail = text.slice(spans[spans.length - 1][1], objEnd - 1);
  if (!/^\s*,?\s*$/.test(tail)) return;
  const eol = eolOf(text);
  const indent = indentAt(text, objStart);
  const inner = indent + unit;
  edits.replace(objStart + 1, spans[0][0], `${eol}${inner}`);
  for (const [from, to] of between) edits.replace(from, to, `,${eol}${inner}`);
  edits.replace(spans[spans.length - 1][1], objEnd - 1, `${tail.includes(',') || trailingComma ? ',' : ''}${eol}${indent}`);
}

/**
 * One level of nesting as the text writes it: the step most often found between a line that
 * opens a block, object or call (ends with `{`, `[` or `(`) and the next line that is not blank.
 * Unlike the smallest indentation this also holds in a script block of an HTML page, whose every
 * line is indented by the markup around it.
 */
function nestingUnit(text: string): string {
  const lines = text.split('\n');
  const steps = new Map<string, number>();
  let opener: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (opener !== undefined && indent.length > opener.length && indent.startsWith(opener)) {
      const step = indent.slice(opener.length);
      steps.set(step, (steps.get(step) ?? 0) + 1);
    }
    opener = /[{[(]\s*$/.test(line) ? indent : undefined;
  }
  let best: string | undefined;
  for (const [step, n] of steps) if (best === undefined || n > (steps.get(best) ?? 0)) best = step;
  return best ?? fileIndentUnit(text);
}
