import type * as VueCompiler from '@vue/compiler-sfc';
import type * as HtmlParser from 'htmlparser2';
import * as path from 'node:path';

/**
 * Files that are not JavaScript themselves but carry JavaScript in `<script>` elements.
 * Their scripts are located with real parsers (the Vue SFC compiler, htmlparser2) because a
 * regular expression cannot tell a `<script>` tag from the same text in a comment, a string
 * or another raw-text element.
 */

/*
 * The container parsers are loaded on the first container file: together they take about 90 ms
 * to load, in every worker thread, and most repositories have no .vue, .svelte or .html file
 * with Auth0 code. `require` rather than `import()`: this module is CommonJS and synchronous.
 */
let vueCompiler: typeof VueCompiler | undefined;
let htmlParser: typeof HtmlParser | undefined;

function parseSfc(...args: Parameters<typeof VueCompiler.parse>): ReturnType<typeof VueCompiler.parse> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  vueCompiler ??= require('@vue/compiler-sfc') as typeof VueCompiler;
  return vueCompiler.parse(...args);
}

function htmlParserClass(): typeof HtmlParser.Parser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  htmlParser ??= require('htmlparser2') as typeof HtmlParser;
  return htmlParser.Parser;
}

export type ScriptLang = 'js' | 'jsx' | 'ts' | 'tsx';

export interface ScriptBlock {
  /** offset in the container source of the first character of the script's content */
  start: number;
  /** offset just past the last character of the content */
  end: number;
  /** source.slice(start, end) */
  content: string;
  /** from lang="ts"/"tsx"/"jsx" (or a JSX script type in HTML); default 'js' */
  lang: ScriptLang;
  /** 1-based line in the container where the content starts */
  line: number;
  /** 0-based column in the container where the content starts; a byte order mark is not counted */
  column: number;
}

/** A container whose script elements cannot be located safely (for example an unclosed or duplicated `<script>`). */
export class ContainerParseError extends Error {
  /** 1-based line in the container */
  readonly line: number;
  /** 1-based column in the container, the convention findings use */
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = 'ContainerParseError';
    this.line = line;
    this.column = column;
  }
}

type ContainerKind = 'vue' | 'svelte' | 'html';

const KIND_BY_EXTENSION: Readonly<Record<string, ContainerKind>> = {
  '.vue': 'vue',
  '.svelte': 'svelte',
  '.html': 'html',
  '.htm': 'html',
};

function containerKind(filePath: string): ContainerKind | undefined {
  return KIND_BY_EXTENSION[path.extname(filePath).toLowerCase()];
}

export function isContainerPath(filePath: string): boolean {
  return containerKind(filePath) !== undefined;
}

/** null when the path is not a container kind (.vue, .svelte, .html, .htm); [] when it is but has no transformable block */
export function extractScriptBlocks(filePath: string, source: string): ScriptBlock[] | null {
  const kind = containerKind(filePath);
  switch (kind) {
    case undefined:
      return null;
    case 'vue':
      return vueBlocks(filePath, source);
    case 'svelte':
      return markupBlocks(source, svelteLang);
    case 'html':
      return markupBlocks(source, htmlLang);
  }
}

/** Replace each block's content by its new text (null = unchanged), everything else byte for byte. */
export function spliceScriptBlocks(
  source: string,
  blocks: readonly ScriptBlock[],
  replacements: readonly (string | null)[],
): string {
  if (blocks.length !== replacements.length) {
    throw new RangeError(`spliceScriptBlocks: ${blocks.length} blocks but ${replacements.length} replacements`);
  }
  // Callers may hand blocks in any order; splicing walks the source once from left to right.
  const order = blocks.map((_, index) => index).sort((a, b) => blocks[a].start - blocks[b].start);
  const parts: string[] = [];
  let cursor = 0;
  for (const index of order) {
    const block = blocks[index];
    if (block.start < cursor || block.end < block.start || block.end > source.length) {
      throw new RangeError(`spliceScriptBlocks: block ${block.start}..${block.end} overlaps another or lies outside the source`);
    }
    parts.push(source.slice(cursor, block.start));
    const replacement = replacements[index];
    parts.push(replacement ?? source.slice(block.start, block.end));
    cursor = block.end;
  }
  parts.push(source.slice(cursor));
  return parts.join('');
}

/**
 * Map a (line, column) inside a block's content to the container's (line, column).
 * `line` is 1-based; `column` may be 0- or 1-based, the result uses the same base.
 */
export function toContainerPosition(block: ScriptBlock, line: number, column: number): { line: number; column: number } {
  if (line <= 1) {
    return { line: block.line, column: block.column + column };
  }
  return { line: block.line + line - 1, column };
}

const BOM = '\uFEFF';

function isLineTerminator(code: number): boolean {
  // The same set as ECMAScript, so container lines agree with the lines Babel reports inside a block.
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/** 1-based line and 0-based column of an offset; CRLF counts as one line break. */
function positionAt(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = source.startsWith(BOM) ? 1 : 0;
  for (let i = lineStart; i < offset; i++) {
    const code = source.charCodeAt(i);
    if (!isLineTerminator(code)) continue;
    // The '\r' of a CRLF pair is not a break of its own; the '\n' after it is.
    if (code === 0x0d && source.charCodeAt(i + 1) === 0x0a) continue;
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}

function makeBlock(source: string, start: number, end: number, lang: ScriptLang): ScriptBlock {
  const { line, column } = positionAt(source, start);
  return { start, end, content: source.slice(start, end), lang, line, column };
}

function hasCode(source: string, start: number, end: number): boolean {
  return source.slice(start, end).trim() !== '';
}

// ---------------------------------------------------------------------------------------------
// Vue single-file components

const VUE_LANGS: Readonly<Record<string, ScriptLang>> = { js: 'js', jsx: 'jsx', ts: 'ts', tsx: 'tsx' };

interface LocatedError {
  message: string;
  loc?: { start: { offset: number; line: number; column: number } };
}

function vueBlocks(filePath: string, source: string): ScriptBlock[] {
  // prefixIdentifiers off: the template's expressions are not parsed (with Babel) — the codemod
  // never edits the template, and that parse was most of the cost of a .vue file.
  const { descriptor, errors } = parseSfc(source, { filename: filePath, sourceMap: false, templateParseOptions: { prefixIdentifiers: false } });
  // Errors inside the template or a style concern markup the codemod never edits. Anything else
  // (a duplicated or unclosed <script>, a broken tag) means the script blocks may be cut wrongly.
  const harmless = [descriptor.template, ...descriptor.styles].flatMap((block) =>
    block ? [{ start: block.loc.start.offset, end: block.loc.end.offset }] : [],
  );
  for (const error of errors as readonly LocatedError[]) {
    const start = error.loc?.start;
    if (!start) continue;
    if (harmless.some((range) => start.offset >= range.start && start.offset < range.end)) continue;
    throw new ContainerParseError(error.message, start.line, start.column);
  }
  const blocks: ScriptBlock[] = [];
  for (const script of [descriptor.script, descriptor.scriptSetup]) {
    if (!script || script.src !== undefined) continue;
    const lang = VUE_LANGS[script.lang ?? 'js'];
    if (!lang) continue;
    const start = script.loc.start.offset;
    const end = script.loc.end.offset;
    if (!hasCode(source, start, end)) continue;
    blocks.push(makeBlock(source, start, end, lang));
  }
  return blocks.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// HTML and Svelte

type Attributes = Readonly<Record<string, string>>;

/** Decides whether a `<script>` with these attributes holds JavaScript, and in which dialect; undefined skips it. */
type LangOf = (attributes: Attributes) => ScriptLang | undefined;

/** The HTML standard's JavaScript MIME type essences (a `type` equal to one of them runs as a classic script). */
const JAVASCRIPT_TYPES: ReadonlySet<string> = new Set([
  '',
  'module',
  'application/ecmascript',
  'application/javascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
]);

/** In-browser Babel runs these; their content is JSX. */
const JSX_TYPES: ReadonlySet<string> = new Set(['text/babel', 'text/jsx']);

function normalizedType(attributes: Attributes): string | undefined {
  const type = attributes['type'];
  return type === undefined ? undefined : type.trim().toLowerCase();
}

const htmlLang: LangOf = (attributes) => {
  if (attributes['src'] !== undefined) return undefined;
  const type = normalizedType(attributes);
  if (type === undefined || JAVASCRIPT_TYPES.has(type)) return 'js';
  if (JSX_TYPES.has(type)) return 'jsx';
  return undefined;
};

const SVELTE_LANGS: Readonly<Record<string, ScriptLang>> = {
  js: 'js',
  javascript: 'js',
  ts: 'ts',
  typescript: 'ts',
};

const svelteLang: LangOf = (attributes) => {
  if (attributes['src'] !== undefined) return undefined;
  const lang = attributes['lang'];
  if (lang !== undefined) return SVELTE_LANGS[lang.trim().toLowerCase()];
  const type = normalizedType(attributes);
  if (type === 'text/typescript') return 'ts';
  if (type === undefined || JAVASCRIPT_TYPES.has(type)) return 'js';
  return undefined;
};

/**
 * Every `<script>` element, at any depth: in HTML scripts live anywhere, and in Svelte the
 * top-level scripts may look nested to an HTML tokenizer after a template expression such as
 * `{a<b}`, so depth is not trusted.
 */
function markupBlocks(source: string, langOf: LangOf): ScriptBlock[] {
  const blocks: ScriptBlock[] = [];
  let open: { contentStart: number; lang: ScriptLang | undefined } | undefined;
  const Parser = htmlParserClass();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== 'script') return;
        // endIndex is the offset of the opening tag's closing '>'.
        open = { contentStart: parser.endIndex + 1, lang: langOf(attributes) };
      },
      onclosetag(name, isImplied) {
        if (name !== 'script' || !open) return;
        const { contentStart, lang } = open;
        open = undefined;
        // An implied close means the script runs to the end of the file: an unterminated
        // element whose real extent is unknown, so it is left alone.
        if (isImplied || lang === undefined) return;
        // startIndex is the offset of the '<' of '</script>'.
        const contentEnd = parser.startIndex;
        if (!hasCode(source, contentStart, contentEnd)) return;
        blocks.push(makeBlock(source, contentStart, contentEnd, lang));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(source);
  return blocks;
}
