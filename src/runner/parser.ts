import type { Collection, JSCodeshift } from 'jscodeshift';
import { extname } from 'node:path';
import type { ScriptLang } from './containers';
import { parseSource } from '../ast/parse';

export type ParserName = 'babel' | 'ts' | 'tsx' | 'flow';

const TYPESCRIPT_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.mts', '.cts']);

/** The parser a file's extension implies: `.ts` → ts, `.tsx` → tsx, JavaScript → babel (with JSX), `@flow` files → flow. */
export function parserForPath(filePath: string, source?: string): ParserName {
  const ext = extname(filePath).toLowerCase();
  if (TYPESCRIPT_EXTENSIONS.has(ext)) return 'ts';
  if (ext === '.tsx') return 'tsx';
  if (source !== undefined && hasFlowPragma(source)) return 'flow';
  return 'babel';
}

/** The parser for a `<script>` block of a container file, by its `lang`. */
export function parserForScriptLang(lang: ScriptLang, source?: string): ParserName {
  if (lang === 'ts') return 'ts';
  if (lang === 'tsx') return 'tsx';
  if (source !== undefined && hasFlowPragma(source)) return 'flow';
  return 'babel';
}

/**
 * Whether the comments before the first token carry `@flow` (as Flow itself reads it: a license
 * header may come first, and `@noflow` does not count).
 */
export function hasFlowPragma(source: string): boolean {
  let i = source.startsWith('\uFEFF') ? 1 : 0;
  if (source.startsWith('#!', i)) {
    const end = source.indexOf('\n', i);
    if (end === -1) return false;
    i = end + 1;
  }
  for (;;) {
    while (i < source.length && /\s/.test(source[i])) i++;
    let comment: string;
    if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      comment = source.slice(i + 2, end === -1 ? source.length : end);
      i = end === -1 ? source.length : end + 1;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) return false;
      comment = source.slice(i + 2, end);
      i = end + 2;
    } else {
      return false;
    }
    if (/@flow\b/.test(comment)) return true;
  }
}

/**
 * The parser to try when the first one fails, or null.
 * ts ↔ tsx (a `<T>x` cast fails under tsx, JSX fails under ts); babel → tsx (TypeScript syntax in
 * a `.js` file), or ts when the path is a TypeScript one; flow → babel (a stale `@flow` pragma).
 */
export function fallbackParser(first: ParserName, filePath: string): ParserName | null {
  switch (first) {
    case 'ts':
      return 'tsx';
    case 'tsx':
      return 'ts';
    case 'babel':
      return TYPESCRIPT_EXTENSIONS.has(extname(filePath).toLowerCase()) ? 'ts' : 'tsx';
    case 'flow':
      return 'babel';
  }
}

/** A file that neither its own parser nor the fallback accepts. */
export class ParseError extends Error {
  /** 1-based line */
  readonly line: number;
  /** 1-based column, the convention findings use (Babel's own messages count from 0) */
  readonly column: number;
  /** the first parser tried, the one the file's kind implies */
  readonly parser: ParserName;

  constructor(message: string, line: number, column: number, parser: ParserName) {
    super(message);
    this.name = 'ParseError';
    this.line = line;
    this.column = column;
    this.parser = parser;
  }
}

interface ParserFailure {
  loc?: { line?: unknown; column?: unknown };
}

function toParseError(error: unknown, parser: ParserName): ParseError {
  // Babel and flow-parser end their messages with "(line:column)" counting columns from 0; the
  // position travels in the fields instead, so a report cannot show two disagreeing columns.
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\(\d+:\d+\)$/, '');
  const loc = typeof error === 'object' && error !== null ? (error as ParserFailure).loc : undefined;
  // Babel and flow-parser both report a 1-based line and a 0-based column.
  const line = typeof loc?.line === 'number' ? loc.line : 1;
  const column = typeof loc?.column === 'number' ? loc.column + 1 : 1;
  return new ParseError(message, line, column, parser);
}

/**
 * Parse with the parser the path implies (or `first`), then with its fallback.
 * Throws a ParseError carrying the first parser's failure when both fail: that is the parser
 * the user's file claims to need, so its message is the one that helps.
 */
export function parseWithFallback(
  j: JSCodeshift,
  filePath: string,
  source: string,
  first: ParserName = parserForPath(filePath, source),
): { root: Collection; parser: ParserName } {
  try {
    return { root: parseSource(j.withParser(first), first, source), parser: first };
  } catch (firstError) {
    const second = fallbackParser(first, filePath);
    if (second === null) throw toParseError(firstError, first);
    try {
      return { root: parseSource(j.withParser(second), second, source), parser: second };
    } catch {
      throw toParseError(firstError, first);
    }
  }
}
