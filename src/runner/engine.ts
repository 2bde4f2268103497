import jscodeshift, { type Collection, type JSCodeshift } from 'jscodeshift';
import { collectFileFacts, type FileFacts, unionFileFacts, withFileFacts } from '../analysis/facts';
import { assertParses, parseSource } from '../ast/parse';
import { runTransforms, type SiteAnswer } from '../transform-kit';
import type { SiteDecision, SiteFact } from '../plan/types';
import type { Finding, PackageFacts, TransformId, TransformModule, TransformOptions } from '../types';
import { selectTransforms, TRANSFORMS } from '../../transforms/index';
import { ContainerParseError, extractScriptBlocks, spliceScriptBlocks, toContainerPosition, type ScriptBlock } from './containers';
import { type FactField, recordingFacts } from './fact-reads';
import { restoreShape } from './fidelity';
import { ParseError, parserForPath, parserForScriptLang, parseWithFallback, type ParserName } from './parser';
import type { WorkerReply, WorkerRequest } from './protocol';
import type { FileError } from './types';

/**
 * Parse, scan and transform one file at a time: the code that runs in the main thread and in each
 * worker thread. Importing this module loads jscodeshift and the parsers, so the main thread only
 * does so when a run has candidates.
 */

export interface ProcessRequest {
  id: number;
  /** used for messages and for the parser choice */
  filePath: string;
  source: string;
  /**
   * The package's facts as known when the file is handed out: with the file's own facts added,
   * what it is transformed with right away (see fact-reads.ts). Null only before it is handed out.
   */
  guess: PackageFacts | null;
}

/** A file's transform result, and which package facts it depends on. */
export interface TransformOutcome {
  /** new text, or null when nothing changed */
  output: string | null;
  findings: Finding[];
  changedBy: TransformId[];
  /** set when a transform threw */
  error: FileError | null;
  reads: FactField[];
  /** the file's flow sites, for its package's migration plan */
  sites: SiteFact[];
  /** the decision each site acted on (every site acts in a first run) */
  answers: Record<string, SiteAnswer>;
}

export interface ProcessResult {
  id: number;
  facts: FileFacts | null;
  /** set when the file could not be parsed or scanned; then there is no transform either */
  error: FileError | null;
  /** the result under the request's guess; null without a guess or after an error */
  transform: TransformOutcome | null;
}

export interface TransformRequest {
  id: number;
  filePath: string;
  source: string;
  packageFacts: PackageFacts;
  /**
   * The plan's decision for each of the file's sites (a site missing here is left alone). Absent
   * to find the file's sites again with the final facts, every site acting.
   */
  decisions?: Record<string, SiteDecision>;
}

export interface TransformResult {
  id: number;
  /** new text, or null when nothing changed */
  output: string | null;
  findings: Finding[];
  changedBy: TransformId[];
  error: FileError | null;
  sites: SiteFact[];
  answers: Record<string, SiteAnswer>;
}

const BOM = '\uFEFF';

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

interface ParsedFile {
  filePath: string;
  source: string;
  /** set for .vue/.svelte/.html files: the blocks the units came from */
  blocks: ScriptBlock[] | null;
  units: ParsedUnit[];
}

/**
 * Parses, scans and transforms one file per request and keeps nothing between requests, so any
 * worker can take any file and memory stays flat however large the run.
 */
export class Engine {
  private readonly modules: readonly TransformModule[];
  /** Every transform: their flow sites make up the plan even when only some of them write. */
  private readonly allModules: readonly TransformModule[];

  constructor(
    selection: string,
    private readonly options: TransformOptions,
    modules?: readonly TransformModule[],
  ) {
    this.modules = modules ?? selectTransforms(selection);
    this.allModules = modules ?? TRANSFORMS;
  }

  /** Parses a file, reads its facts and, given a guess of its package's facts, transforms it. */
  process(request: ProcessRequest): ProcessResult {
    let parsed: ParsedFile;
    try {
      parsed = parseFile(request.filePath, request.source);
    } catch (error) {
      return { id: request.id, facts: null, error: toFileError(error), transform: null };
    }
    let facts: FileFacts;
    try {
      const parts = parsed.units.map((unit) => collectFileFacts(unit.j, unit.root));
      facts = withModulePath(parts.length === 1 ? parts[0] : unionFileFacts(parts), request.filePath, parsed.blocks !== null);
    } catch (error) {
      return { id: request.id, facts: null, error: { message: `package scan failed: ${messageOf(error)}` }, transform: null };
    }
    if (request.guess === null) return { id: request.id, facts, error: null, transform: null };
    const reads = new Set<FactField>();
    const known = withFileFacts(request.guess, facts, this.options.scopeMode);
    const outcome = this.transformCatching(parsed, recordingFacts(known, reads), undefined);
    return { id: request.id, facts, error: null, transform: { ...outcome, reads: [...reads] } };
  }

  /** Parses a file again and transforms it with its package's final facts (and plan decisions). */
  transform(request: TransformRequest): TransformResult {
    let parsed: ParsedFile;
    try {
      parsed = parseFile(request.filePath, request.source);
    } catch (error) {
      return { id: request.id, output: null, findings: [], changedBy: [], error: toFileError(error), sites: [], answers: {} };
    }
    return { id: request.id, ...this.transformCatching(parsed, request.packageFacts, request.decisions) };
  }

  private transformCatching(
    parsed: ParsedFile,
    packageFacts: PackageFacts,
    decisions: Record<string, SiteDecision> | undefined,
  ): Omit<TransformResult, 'id'> {
    try {
      const result = this.transformParsed(parsed, packageFacts, decisions);
      if (result.output !== null) assertOutputParses(parsed, result.output);
      return { ...result, error: null };
    } catch (error) {
      if (error instanceof OutputParseError) return { output: null, findings: [], changedBy: [], error: error.toFileError(), sites: [], answers: {} };
      return { output: null, findings: [], changedBy: [], error: { message: `transform failed: ${messageOf(error)}` }, sites: [], answers: {} };
    }
  }

  private transformParsed(
    parsed: ParsedFile,
    packageFacts: PackageFacts,
    decisions: Record<string, SiteDecision> | undefined,
  ): Omit<TransformResult, 'id' | 'error'> {
    const findings: Finding[] = [];
    const changedBy = new Set<TransformId>();
    const outputs: (string | null)[] = [];
    const sites: SiteFact[] = [];
    const answers: Record<string, SiteAnswer> = {};
    parsed.units.forEach((unit, index) => {
      const result = runTransforms({
        j: unit.j,
        parse: (text) => parseSource(unit.j, unit.parser, text),
        filePath: parsed.filePath,
        source: unit.text,
        root: unit.root,
        modules: this.modules,
        allModules: this.allModules,
        options: this.options,
        packageFacts,
        unit: index,
        ...(decisions ? { decisions: (key: string) => decisions[key] ?? LEAVE_ALONE } : {}),
      });
      outputs.push(result.output);
      result.changedBy.forEach((id) => changedBy.add(id));
      const place = <T extends { line: number; column: number }>(item: T): T =>
        unit.block ? { ...item, ...toContainerPosition(unit.block, item.line, item.column) } : item;
      for (const finding of result.findings) findings.push(place(finding));
      for (const site of result.sites) sites.push(place(site));
      Object.assign(answers, result.answers);
    });
    const changed = outputs.some((output) => output !== null);
    let output: string | null = null;
    if (changed) {
      const spliced = parsed.blocks
        ? spliceScriptBlocks(parsed.source, parsed.blocks, outputs.map((text) => (text === null ? null : escapeScriptEnd(text))))
        : (parsed.source.startsWith(BOM) ? BOM : '') + (outputs[0] as string);
      output = restoreShape(parsed.source, spliced);
      if (output === parsed.source) output = null;
    }
    return {
      output,
      findings,
      changedBy: this.modules.map((m) => m.meta.id).filter((id) => changedBy.has(id)),
      sites,
      answers,
    };
  }
}

/** A site the plan has no decision for (none of its flows needs it) is left as it is. */
const LEAVE_ALONE: SiteDecision = { act: false, scopes: [] };

/**
 * Inside an HTML `<script>` element, `</script` ends the element wherever it stands, even in a
 * string or a comment. A block's original text cannot hold it (the block would have ended
 * there), so any in the new text was written by the codemod, and `<\/script` means the same in
 * every place JavaScript allows it (strings, templates, regular expressions, comments).
 */
function escapeScriptEnd(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1');
}

/** The migrated text of a file failed to parse: nothing is written for that file. */
class OutputParseError extends Error {
  constructor(
    parser: ParserName,
    failure: unknown,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`the migrated text would not parse (${parser}: ${messageOf(failure).replace(/\s*\(\d+:\d+\)$/, '')}); nothing was written for this file`);
    this.name = 'OutputParseError';
  }

  toFileError(): FileError {
    return this.line === undefined ? { message: this.message } : { message: this.message, line: this.line, column: this.column };
  }
}

/**
 * Parses the new text of a file again, with the parser each part of it was read with, before
 * anything can write it: a transform that produced invalid code (a comment that swallows code,
 * an edit inside a string) fails that one file instead of breaking the app. A container must
 * also keep the same script elements.
 */
function assertOutputParses(parsed: ParsedFile, output: string): void {
  if (parsed.blocks === null) {
    const unit = parsed.units[0];
    checkUnit(unit.parser, output.startsWith(BOM) ? output.slice(1) : output, null);
    return;
  }
  let blocks: ScriptBlock[] | null;
  try {
    blocks = extractScriptBlocks(parsed.filePath, output);
  } catch (error) {
    throw new OutputParseError(parsed.units[0]?.parser ?? 'babel', error);
  }
  if (blocks === null || blocks.length !== parsed.units.length) {
    throw new OutputParseError(parsed.units[0]?.parser ?? 'babel', new Error('the script elements of the file are no longer the same'));
  }
  blocks.forEach((block, index) => checkUnit(parsed.units[index].parser, block.content, block));
}

function checkUnit(parser: ParserName, text: string, block: ScriptBlock | null): void {
  try {
    assertParses(parser, text);
  } catch (error) {
    const loc = (error as { loc?: { line?: unknown; column?: unknown } }).loc;
    if (typeof loc?.line !== 'number' || typeof loc.column !== 'number') throw new OutputParseError(parser, error);
    const at = block ? toContainerPosition(block, loc.line, loc.column + 1) : { line: loc.line, column: loc.column + 1 };
    throw new OutputParseError(parser, error, at.line, at.column);
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

/**
 * The file's exported values named by its path, as other files' imports find them. A container's
 * (`.vue`, `.html`) script blocks export components, not config: they are dropped.
 */
function withModulePath(facts: FileFacts, filePath: string, container: boolean): FileFacts {
  if (!facts.exportedValues) return facts;
  const { exportedValues, ...rest } = facts;
  return container ? rest : { ...rest, exportedValues: exportedValues.map((entry) => `${filePath}#${entry}`) };
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

/** One request of the pool's protocol, answered by `engine` (in a worker thread or in this one). */
export function answer(engine: Engine, message: WorkerRequest): WorkerReply {
  if (message.type === 'process') return { type: 'processed', result: engine.process(message.request) };
  return { type: 'transformed', result: engine.transform(message.request) };
}
