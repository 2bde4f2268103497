import type { ASTNode } from 'jscodeshift';
import type { EditList } from './edits';
import { spanOf } from './edits';
import type { AnyNode } from './nodes';
import { quoteString } from './nodes';
import { type StringPiece, type TextPiece, stringPieces, templateText } from './string-parts';

/**
 * Reads and edits `application/x-www-form-urlencoded` bodies written as strings:
 *
 *   'grant_type=password&username=' + u + '&password=' + p + '&scope=openid'
 *   `grant_type=password&username=${u}&password=${p}`
 *
 * Edits stay inside the string's own literal text and follow its encoding (`%20` or `+` between
 * scopes, `%3A%2F%2F` or raw `://`), so every other parameter survives byte for byte.
 */

/** A place in the body's literal text where new text can be spliced in. */
export interface FormPosition {
  offset: number;
  piece: TextPiece;
}

export interface FormParam {
  /** The parameter's name, or undefined when part of it is a dynamic value. */
  name: string | undefined;
  /** The value's pieces; text pieces are the slices of the body's literal text that belong to it. */
  value: StringPiece[];
  /** Where the name starts, when that is in literal text without escapes. */
  start?: FormPosition;
  /** Just after the `=`, when that is in literal text without escapes. */
  valueStart?: FormPosition;
  /** Where the parameter ends (its `&` separator or the end of the body), when in literal text. */
  end?: FormPosition;
}

export interface FormBody {
  node: AnyNode;
  pieces: StringPiece[];
  params: FormParam[];
  /** The quote new string pieces are written with when appended after a trailing value. */
  quote: '"' | "'";
}

export interface FormStyle {
  /** How a space between scopes is written. */
  space: '%20' | '+' | ' ';
  /** Whether values are percent-encoded as `encodeURIComponent` does (`https%3A%2F%2F…`). */
  component: boolean;
}

/** A value to write: already-literal text (encoded here), or a JS expression (encoded at run time). */
export type FormValue = { literal: string } | { expression: string };

/** Parses a string expression as a url-encoded body; undefined when it has no literal text at all. */
export function readFormBody(source: string, node: AnyNode, fallbackQuote: '"' | "'" = "'"): FormBody | undefined {
  const pieces = stringPieces(source, node);
  if (!pieces.some((p) => p.kind === 'text' && p.value !== '')) return undefined;
  const params: FormParam[] = [];
  const position = (piece: TextPiece, index: number): FormPosition | undefined =>
    piece.exact ? { offset: piece.start + index, piece } : undefined;

  let current: FormParam = { name: '', value: [] };
  let inValue = false;
  const first = pieces[0];
  if (first.kind === 'text') current.start = position(first, 0);

  for (const piece of pieces) {
    if (piece.kind === 'expression') {
      if (inValue) current.value.push(piece);
      else current.name = undefined;
      continue;
    }
    let sliceStart = 0;
    for (let i = 0; i < piece.value.length; i++) {
      const ch = piece.value[i];
      if (ch === '&') {
        if (inValue) pushSlice(current, piece, sliceStart, i);
        current.end = position(piece, i);
        params.push(current);
        current = { name: '', value: [], start: position(piece, i + 1) };
        inValue = false;
        sliceStart = i + 1;
      } else if (ch === '=' && !inValue) {
        inValue = true;
        current.valueStart = position(piece, i + 1);
        sliceStart = i + 1;
      } else if (!inValue && current.name !== undefined) {
        current.name += ch;
      }
    }
    if (inValue && sliceStart < piece.value.length) pushSlice(current, piece, sliceStart, piece.value.length);
  }
  const last = pieces[pieces.length - 1];
  if (last.kind === 'text') current.end = position(last, last.value.length);
  params.push(current);

  const firstString = pieces.find((p): p is TextPiece => p.kind === 'text' && p.container === 'string');
  const quote = firstString && firstString.quote !== '`' ? firstString.quote : fallbackQuote;
  return { node, pieces, params, quote };
}

function pushSlice(param: FormParam, piece: TextPiece, from: number, to: number): void {
  param.value.push({
    ...piece,
    value: piece.value.slice(from, to),
    start: piece.exact ? piece.start + from : piece.start,
    end: piece.exact ? piece.start + to : piece.end,
  });
}

/** The last parameter with this name (later parameters win on most servers). */
export function findFormParam(body: FormBody, name: string): FormParam | undefined {
  const found = body.params.filter((p) => p.name === name);
  return found[found.length - 1];
}

/** The decoded value when it is all literal text; undefined when part of it is dynamic. */
export function formParamText(param: FormParam): string | undefined {
  if (param.value.some((p) => p.kind === 'expression')) return undefined;
  return decodeFormText(param.value.map((p) => (p.kind === 'text' ? p.value : '')).join(''));
}

/** [start, end) of the value in the source, when it is literal text inside one piece. */
export function formValueSpan(param: FormParam): [number, number] | undefined {
  if (!param.valueStart || !param.end || param.valueStart.piece !== param.end.piece) return undefined;
  if (param.value.some((p) => p.kind === 'expression')) return undefined;
  return [param.valueStart.offset, param.end.offset];
}

export function decodeFormText(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The encoding the body already uses, so new values look like their neighbours. */
export function formStyle(body: FormBody): FormStyle {
  const text = body.pieces.map((p) => (p.kind === 'text' ? p.value : '')).join('');
  const scope = findFormParam(body, 'scope');
  const scopeRaw = scope ? scope.value.map((p) => (p.kind === 'text' ? p.value : '')).join('') : '';
  let space: FormStyle['space'] = '%20';
  if (scopeRaw.includes('+')) space = '+';
  else if (scopeRaw.includes('%20')) space = '%20';
  else if (scopeRaw.includes(' ')) space = ' ';
  const values = body.params.flatMap((p) => p.value.map((v) => (v.kind === 'text' ? v.value : '')));
  const component = /%[0-9a-f]{2}/i.test(text) || !values.some((v) => /[:/]/.test(v));
  return { space, component };
}

/** Encodes a literal value the way the body encodes its values. */
export function encodeFormText(value: string, style: FormStyle): string {
  const encoded = style.component
    ? encodeURIComponent(value)
    : value.replace(/%/g, '%25').replace(/&/g, '%26').replace(/=/g, '%3D').replace(/\+/g, '%2B').replace(/#/g, '%23').replace(/ /g, '%20');
  return style.space === '%20' ? encoded : encoded.replace(/%20/g, style.space);
}

interface Fragment {
  text?: string;
  expression?: string;
}

function fragmentsFor(params: readonly { name: string; value: FormValue }[], style: FormStyle, separatorFirst: boolean): Fragment[] {
  const fragments: Fragment[] = [];
  params.forEach(({ name, value }, i) => {
    const sep = separatorFirst || i > 0 ? '&' : '';
    if ('literal' in value) fragments.push({ text: `${sep}${name}=${encodeFormText(value.literal, style)}` });
    else fragments.push({ text: `${sep}${name}=` }, { expression: `encodeURIComponent(${value.expression})` });
  });
  if (!separatorFirst) fragments.push({ text: '&' });
  return fragments;
}

/**
 * Source text for fragments spliced into a piece of literal text. In a quoted string an
 * expression closes the string, is concatenated, and the string reopens.
 */
function spliceText(piece: TextPiece, fragments: readonly Fragment[]): string {
  if (piece.container === 'template') {
    return fragments.map((f) => (f.expression !== undefined ? `\${${f.expression}}` : templateText(f.text ?? ''))).join('');
  }
  const q = piece.quote as '"' | "'";
  return fragments
    .map((f) => (f.expression !== undefined ? `${q} + ${f.expression} + ${q}` : quoteString(f.text ?? '', q).slice(1, -1)))
    .join('');
}

/**
 * Adds parameters to the body: before `anchor` when `where` is 'before', else after it (or after
 * the last parameter when there is no anchor). Returns false when the place is not literal text.
 */
export function insertFormParams(
  edits: EditList,
  body: FormBody,
  params: readonly { name: string; value: FormValue }[],
  style: FormStyle,
  where: { before: FormParam } | { after: FormParam | undefined },
): boolean {
  if ('before' in where) {
    const at = where.before.start;
    if (!at) return false;
    edits.insert(at.offset, spliceText(at.piece, fragmentsFor(params, style, false)));
    return true;
  }
  const anchor = where.after ?? body.params[body.params.length - 1];
  const fragments = fragmentsFor(params, style, true);
  const at = anchor.end;
  if (at) {
    const text = spliceText(at.piece, fragments);
    const reopened = ` + ${at.piece.quote}`;
    // At the very end of a quoted string a trailing expression would leave `+ ''` behind: the
    // inserted text takes over the string's closing quote instead.
    if (at.piece.container === 'string' && at.offset === at.piece.end && fragments[fragments.length - 1].expression !== undefined) {
      edits.replace(at.offset, at.offset + 1, text.slice(0, -reopened.length));
      return true;
    }
    edits.insert(at.offset, text);
    return true;
  }
  if (anchor !== body.params[body.params.length - 1]) return false;
  // The body ends with a dynamic value: concatenate a new string after it.
  const [, end] = spanOf(body.node as unknown as ASTNode);
  const q = body.quote;
  const parts = fragments.map((f) => (f.expression !== undefined ? f.expression : quoteString(f.text ?? '', q)));
  edits.insert(end, ` + ${parts.join(' + ')}`);
  return true;
}

/** Replaces a parameter's literal value. Returns false when the value is not literal text in one piece. */
export function replaceFormValue(edits: EditList, param: FormParam, value: FormValue, style: FormStyle): boolean {
  const span = formValueSpan(param);
  if (!span || !param.valueStart) return false;
  const piece = param.valueStart.piece;
  const fragments: Fragment[] = 'literal' in value ? [{ text: encodeFormText(value.literal, style) }] : [{ expression: `encodeURIComponent(${value.expression})` }];
  edits.replace(span[0], span[1], spliceText(piece, fragments));
  return true;
}

/** Appends literal text (already decoded) to a parameter's literal value. */
export function appendFormValue(edits: EditList, param: FormParam, suffix: string, style: FormStyle): boolean {
  const span = formValueSpan(param);
  if (!span || !param.valueStart) return false;
  edits.insert(span[1], spliceText(param.valueStart.piece, [{ text: encodeFormText(suffix, style) }]));
  return true;
}
