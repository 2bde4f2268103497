import jscodeshift, { type Collection, type JSCodeshift } from 'jscodeshift';
import { collectFileFacts, type FileFacts, packageScopesToRequest } from '../analysis/facts';
import { parseSource } from '../ast/parse';
import { runTransforms } from '../transform-kit';
import type { Finding, PackageFacts, StorageFacts, TransformId, TransformModule, TransformOptions } from '../types';
import { idleWithoutScopes, selectTransforms } from '../../transforms/index';
import { ContainerParseError, extractScriptBlocks, spliceScriptBlocks, toContainerPosition, type ScriptBlock } from './containers';
import { restoreShape } from './fidelity';
import { ParseError, parserForPath, parserForScriptLang, parseWithFallback, type ParserName } from './parser';
import type { FileError } from './types';

/**
 * Parse, scan and transform one file at a time: the code that runs in each worker thread (or in
 * the main thread for small runs). Importing this module loads jscodeshift and the parsers, so
 * the main thread only does so when a run has candidates and no workers.
 */

export interface ScanRequest {
  id: number;
  /** used for messages and for the parser choice */
  filePath: string;
  source: string;
  /** keep the parsed tree for the transform phase (a target file, not only package context) */
  keep: boolean;
}

export type ScanResult = { id: number; facts: FileFacts; error: null } | { id: number; facts: null; error: FileError };

export interface TransformRequest {
  id: number;
  packageFacts: PackageFacts;
}

export interface TransformResult {
  id: number;
  /** new text, or null when nothing changed */
  output: string | null;
  findings: Finding[];
  changedBy: TransformId[];
  error: FileError | null;
}

const BOM = '\uFEFF';

/**
 * Source bytes whose trees one engine keeps between the scan and the transform phase. A tree
 * with its node index and analysis caches weighs about 100 times its source (half of it the
 * Babel nodes, half the paths), and a worker's heap peaks at a multiple of what it holds, so
 * keeping every tree of a large run costs hundreds of MB. Past this budget a file is parsed again
 * for the transform phase (about a quarter of its cost), unless the scan showed that nothing can
 * change it (see `idleWithoutScopes`). Small runs stay within the budget: each file parsed once.
 */
export const RETAINED_SOURCE_BYTES = 256 * 1024;

const jscodeshiftByParser = new Map<ParserName, JSCodeshift>();

/** One jscodeshift instance per parser: `withParser` builds a new one on every call. */
function jscodeshiftFor(parser: ParserName): JSCodeshift {
  let j = jscodeshiftByParser.get(parser);
  if (!j) {
    j = jscodeshift.withParser(parser);
    jscodeshiftByParser.set(parser, j);
  }
  return j;
}

/**
 * jscodeshift itself, except that `withParser` hands out the cached instances above:
 * `parseWithFallback` asks its `j` for one on every file, and building one copies every ast-types
 * builder onto a new function (about 8% of a run's time).
 */
const cachingJscodeshift = Object.assign(
  Object.setPrototypeOf((...args: Parameters<JSCodeshift>) => jscodeshift(...args), jscodeshift) as JSCodeshift,
  { withParser: jscodeshiftFor },
);

/** One parsed stretch of JavaScript: a whole script file, or one `<script>` block of a container. */
interface ParsedUnit {
  j: JSCodeshift;
  parser: ParserName;
  root: Collection;
  text: string;
  block: ScriptBlock | null;
}

/** A kept file whose tree was let go after the scan. */
interface UnparsedFile {
  filePath: string;
  source: string;
  /** no selected transform can change the file or report in it when its package requests no scopes */
  idleWithoutScopes: boolean;
}

interface ParsedFile {
  filePath: string;
  source: string;
  /** set for .vue/.svelte/.html files: the blocks the units came from */
  blocks: ScriptBlock[] | null;
  units: ParsedUnit[];
}

export class Engine {
  private readonly modules: readonly TransformModule[];
  private readonly kept = new Map<number, ParsedFile>();
  /** kept files over the retention budget: parsed again when their turn comes, unless nothing can change them */
  private readonly unparsed = new Map<number, UnparsedFile>();
  private retainedBytes = 0;

  constructor(
    selection: string,
    private readonly options: TransformOptions,
    modules?: readonly TransformModule[],
  ) {
    this.modules = modules ?? selectTransforms(selection);
  }

  /** Parses a file and reads its facts; keeps the tree for `transform` when asked to. */
  scan(request: ScanRequest): ScanResult {
    let parsed: ParsedFile;
    try {
      parsed = parseFile(request.filePath, request.source);
    } catch (error) {
      return { id: request.id, facts: null, error: toFileError(error) };
    }
    let facts: FileFacts;
    try {
      facts = mergeFileFacts(parsed.units.map((unit) => collectFileFacts(unit.j, unit.root)));
    } catch (error) {
      return { id: request.id, facts: null, error: { message: `package scan failed: ${messageOf(error)}` } };
    }
    if (request.keep) {
      if (this.retainedBytes + request.source.length <= RETAINED_SOURCE_BYTES) {
        this.kept.set(request.id, parsed);
        this.retainedBytes += request.source.length;
      } else {
        this.unparsed.set(request.id, { filePath: request.filePath, source: request.source, idleWithoutScopes: this.idleWithoutScopes(parsed) });
      }
    }
    return { id: request.id, facts, error: null };
  }

  /** Runs the selected transforms on a kept tree, then forgets it. */
  transform(request: TransformRequest): TransformResult {
    const kept = this.kept.get(request.id);
    const unparsed = this.unparsed.get(request.id);
    this.kept.delete(request.id);
    this.unparsed.delete(request.id);
    if (kept) this.retainedBytes -= kept.source.length;
    // A file of a package that makes no Management API call, which no transform acts on then:
    // the scan already showed it stays as it is, so it is not parsed a second time to learn so.
    if (unparsed?.idleWithoutScopes && packageScopesToRequest(this.options, request.packageFacts).length === 0) {
      return { id: request.id, output: null, findings: [], changedBy: [], error: null };
    }
    try {
      let parsed: ParsedFile;
      if (kept) parsed = kept;
      else if (unparsed) parsed = parseFile(unparsed.filePath, unparsed.source);
      else return { id: request.id, output: null, findings: [], changedBy: [], error: { message: 'file was not scanned' } };
      return { id: request.id, ...this.transformParsed(parsed, request.packageFacts), error: null };
    } catch (error) {
      return { id: request.id, output: null, findings: [], changedBy: [], error: { message: `transform failed: ${messageOf(error)}` } };
    }
  }

  /** See `idleWithoutScopes`; a question the analysis cannot answer counts as "may change". */
  private idleWithoutScopes(parsed: ParsedFile): boolean {
    try {
      return parsed.units.every((unit) => idleWithoutScopes(this.modules, unit.j, unit.root));
    } catch {
      return false;
    }
  }

  private transformParsed(parsed: ParsedFile, packageFacts: PackageFacts): Omit<TransformResult, 'id' | 'error'> {
    const findings: Finding[] = [];
    const changedBy = new Set<TransformId>();
    const outputs: (string | null)[] = [];
    for (const unit of parsed.units) {
      const result = runTransforms({
        j: unit.j,
        parse: (text) => parseSource(unit.j, unit.parser, text),
        filePath: parsed.filePath,
        source: unit.text,
        root: unit.root,
        modules: this.modules,
        options: this.options,
        packageFacts,
      });
      outputs.push(result.output);
      result.changedBy.forEach((id) => changedBy.add(id));
      for (const finding of result.findings) {
        findings.push(unit.block ? { ...finding, ...toContainerPosition(unit.block, finding.line, finding.column) } : finding);
      }
    }
    const changed = outputs.some((output) => output !== null);
    let output: string | null = null;
    if (changed) {
      const spliced = parsed.blocks
        ? spliceScriptBlocks(parsed.source, parsed.blocks, outputs)
        : (parsed.source.startsWith(BOM) ? BOM : '') + (outputs[0] as string);
      output = restoreShape(parsed.source, spliced);
      if (output === parsed.source) output = null;
    }
    return {
      output,
      findings,
      changedBy: this.modules.map((m) => m.meta.id).filter((id) => changedBy.has(id)),
    };
  }
}

function parseFile(filePath: string, source: string): ParsedFile {
  const blocks = extractScriptBlocks(filePath, source);
  if (blocks === null) {
    // Offsets must index the text the transforms edit; a BOM is put back after transforming.
    const text = source.startsWith(BOM) ? source.slice(1) : source;
    return { filePath, source, blocks: null, units: [parseUnit(filePath, text, parserForPath(filePath, text), null)] };
  }
  const units = blocks.map((block) => {
    try {
      return parseUnit(filePath, block.content, parserForScriptLang(block.lang, block.content), block);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      const at = toContainerPosition(block, error.line, error.column);
      throw new ParseError(error.message, at.line, at.column, error.parser);
    }
  });
  return { filePath, source, blocks, units };
}

/** Parses with the parser the file's kind implies, then with its fallback (see parser.ts). */
function parseUnit(filePath: string, text: string, first: ParserName, block: ScriptBlock | null): ParsedUnit {
  const { root, parser } = parseWithFallback(cachingJscodeshift, filePath, text, first);
  return { j: jscodeshiftFor(parser), parser, root, text, block };
}

function mergeFileFacts(parts: readonly FileFacts[]): FileFacts {
  if (parts.length === 1) return parts[0];
  const union = (pick: (storage: StorageFacts) => readonly string[]): string[] => [
    ...new Set(parts.flatMap((part) => pick(part.storage))),
  ];
  return {
    endpoints: [...new Set(parts.flatMap((part) => part.endpoints))].sort(),
    tenantHosts: [...new Set(parts.flatMap((part) => part.tenantHosts ?? []))],
    storage: {
      idTokenKeys: union((s) => s.idTokenKeys),
      accessTokenKeys: union((s) => s.accessTokenKeys),
      managementTokenKeys: union((s) => s.managementTokenKeys),
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toFileError(error: unknown): FileError {
  if (error instanceof ParseError || error instanceof ContainerParseError) {
    return { message: error.message, line: error.line, column: error.column };
  }
  return { message: messageOf(error) };
}
