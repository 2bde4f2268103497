import { parse, type ParserPlugin } from '@babel/parser';
import { diffArrays } from 'diff';

/**
 * Keeps a rewritten file looking like the file the user had: recast prints new code with the
 * platform's line ending and knows nothing of byte order marks, so without this a CRLF file
 * would come back with LF on every line the transform touched.
 */

export interface TextShape {
  bom: boolean;
  eol: '\n' | '\r\n';
  finalNewline: boolean;
  mixedEol: boolean;
}

type Eol = TextShape['eol'];

interface Line {
  text: string;
  /** '' only for a last line that has no terminator */
  eol: Eol | '';
}

const BOM = '\uFEFF';

/** Beyond this many inserted plus deleted lines the per-line diff is skipped (see restoreShape). */
const MAX_EDIT_LENGTH = 2000;

function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** Lines with their terminators; an empty segment after the last terminator is not a line. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) break;
    const crlf = newline > start && text.charCodeAt(newline - 1) === 0x0d;
    lines.push({ text: text.slice(start, crlf ? newline - 1 : newline), eol: crlf ? '\r\n' : '\n' });
    start = newline + 1;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

export function detectShape(text: string): TextShape {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 0x0d) crlf++;
    else lf++;
  }
  return {
    bom: text.startsWith(BOM),
    // A tie, or a file without any line break, falls back to LF.
    eol: crlf > lf ? '\r\n' : '\n',
    finalNewline: text.endsWith('\n'),
    mixedEol: crlf > 0 && lf > 0,
  };
}

/**
 * Make a transform's output keep the input's shape: BOM kept/absent as in the input, the input's
 * dominant EOL on every line the transform added (never rewrite lines that were already there),
 * a missing final newline stays missing, a present one stays.
 */
export function restoreShape(original: string, output: string): string {
  if (output === original) return output;
  const shape = detectShape(original);
  const outLines = splitLines(stripBom(output));
  if (!shape.finalNewline) {
    // Trailing blank lines would leave a final newline behind, so they go with it. This happens
    // before the diff below so that a second pass sees the same lines and decides the same way.
    while (outLines.length > 0 && outLines[outLines.length - 1].text === '') outLines.pop();
  }
  const eols = shape.mixedEol ? mixedEols(splitLines(stripBom(original)), outLines, shape.eol) : outLines.map(() => shape.eol);

  let text = '';
  outLines.forEach((line, index) => {
    const last = index === outLines.length - 1;
    const eol = last && !shape.finalNewline ? '' : eols[index] || shape.eol;
    text += line.text + eol;
  });
  return (shape.bom ? BOM : '') + text;
}

/**
 * Terminators for the output's lines when the input mixes CRLF and LF: a line kept from the input
 * keeps its own terminator, a changed line takes the terminator of the line it replaced, and a
 * new line takes the dominant one. ('' marks a kept line that was the input's unterminated last
 * line; the caller decides.)
 */
function mixedEols(originalLines: readonly Line[], outLines: readonly Line[], dominant: Eol): (Eol | '')[] {
  const changes = diffArrays(
    originalLines.map((line) => line.text),
    outLines.map((line) => line.text),
    { maxEditLength: MAX_EDIT_LENGTH },
  );
  // Past the limit the files hardly resemble each other; every line takes the dominant ending.
  // The limit counts edits, not time, so the outcome is the same on every run (idempotence).
  if (!changes) return outLines.map(() => dominant);

  const eols: (Eol | '')[] = [];
  let oldIndex = 0;
  let replaced: (Eol | '')[] = [];
  for (const change of changes) {
    const count = change.count ?? change.value.length;
    if (change.removed) {
      replaced = replaced.concat(originalLines.slice(oldIndex, oldIndex + count).map((line) => line.eol));
      oldIndex += count;
    } else if (change.added) {
      for (let k = 0; k < count; k++) eols.push(k < replaced.length ? replaced[k] : dominant);
      replaced = [];
    } else {
      for (let k = 0; k < count; k++) eols.push(originalLines[oldIndex + k].eol);
      oldIndex += count;
      replaced = [];
    }
  }
  return eols;
}

// ---------------------------------------------------------------------------------------------
// Quote style

type Quote = "'" | '"';

/** Plugin sets tried in turn: JSX and TypeScript cover most code; `<T>x` casts need TypeScript without JSX; Flow last. */
const PLUGIN_SETS: readonly ParserPlugin[][] = [['jsx', 'typescript'], ['typescript'], ['jsx', 'flow']];

/** Dominant quote of string literals in the code (quotes inside comments, templates and JSX attributes do not count); default "'" */
export function preferredQuote(source: string): Quote {
  const counts = countWithParser(source) ?? countWithScanner(source);
  return counts.double > counts.single ? '"' : "'";
}

interface QuoteCounts {
  single: number;
  double: number;
}

function countWithParser(source: string): QuoteCounts | undefined {
  for (const plugins of PLUGIN_SETS) {
    let ast: unknown;
    try {
      ast = parse(source, {
        sourceType: 'unambiguous',
        errorRecovery: true,
        allowReturnOutsideFunction: true,
        allowImportExportEverywhere: true,
        plugins,
      });
    } catch {
      continue;
    }
    return countLiterals(ast);
  }
  return undefined;
}

function isNode(value: unknown): value is Record<string, unknown> & { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function countLiterals(ast: unknown): QuoteCounts {
  const counts: QuoteCounts = { single: 0, double: 0 };
  // An explicit stack: generated or minified files can nest deeper than the call stack allows.
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    if (!isNode(value)) continue;
    if (value.type === 'StringLiteral' || value.type === 'DirectiveLiteral') {
      const raw = (value.extra as { raw?: unknown } | undefined)?.raw;
      if (typeof raw === 'string') {
        if (raw.startsWith("'")) counts.single++;
        else if (raw.startsWith('"')) counts.double++;
      }
    }
    for (const [key, child] of Object.entries(value)) {
      // JSX attributes are written with double quotes whatever the code's own style is.
      if (key === 'loc' || key === 'extra' || (value.type === 'JSXAttribute' && key === 'value')) continue;
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return counts;
}

/** For code no parser accepts: a rough scan that skips comments and template literals. */
function countWithScanner(source: string): QuoteCounts {
  const counts: QuoteCounts = { single: 0, double: 0 };
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    const next = source[i + 1];
    if (char === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end + 1;
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (char === "'" || char === '"' || char === '`') {
      if (char === "'") counts.single++;
      else if (char === '"') counts.double++;
      i = skipQuoted(source, i + 1, char);
    } else {
      i++;
    }
  }
  return counts;
}

/** Offset just past the closing quote; an unterminated single- or double-quoted string ends at the line's end. */
function skipQuoted(source: string, from: number, quote: string): number {
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (char === quote) return i + 1;
    else if (char === '\n' && quote !== '`') return i + 1;
  }
  return source.length;
}
