import type { API, ASTNode, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { EditConflictError, EditList, spanOf } from './ast/edits';
import { eolOf, indentAt } from './ast/nodes';
import { type ParserName, parseSource } from './ast/parse';
import { mayNeedMigration } from './analysis/prefilter';
import { layOutGrownObjects } from './ast/object';
import { parserForPath } from './runner/parser';
import { parseScopeList } from './catalog/scopes';
import { FINDING_CAUSES } from './catalog/findings';
import type {
  Finding,
  FindingCause,
  FindingCode,
  PackageFacts,
  ScopeMode,
  TransformContext,
  TransformId,
  TransformModule,
  TransformOptions,
} from './types';
import { FINDING_CODES } from './types';

/** The line comment that silences a finding on its own line or on the line below it. */
export const IGNORE_MARKER = 'auth0-mgmt-codemod-ignore';
/** Prefix of the comments `--todo-comments` leaves; searchable, and recognised so it is added once. */
export const TODO_PREFIX = 'TODO(auth0-mgmt-codemod):';

export const DEFAULT_OPTIONS: TransformOptions = { scopeMode: 'current-user', todoComments: false };

/**
 * Reads transform options from jscodeshift's CLI flags (`--audience=… --scopes=a,b
 * --scope-mode=any-user --todo-comments`) or from our runner's already-typed options.
 */
export function readTransformOptions(raw: Options | Partial<TransformOptions> | undefined): TransformOptions {
  const o = (raw ?? {}) as Record<string, unknown>;
  const modeRaw = o.scopeMode ?? o['scope-mode'];
  const scopeMode: ScopeMode = modeRaw === 'any-user' ? 'any-user' : 'current-user';
  if (modeRaw !== undefined && modeRaw !== 'any-user' && modeRaw !== 'current-user') {
    throw new Error(`--scope-mode must be current-user or any-user, not ${String(modeRaw)}`);
  }
  const scopesRaw = o.scopes;
  const scopes =
    typeof scopesRaw === 'string' || Array.isArray(scopesRaw)
      ? parseScopeList(scopesRaw as string | string[])
      : undefined;
  const audience = typeof o.audience === 'string' && o.audience !== '' ? o.audience : undefined;
  const todo = o.todoComments ?? o['todo-comments'];
  return {
    scopeMode,
    todoComments: todo === true || todo === 'true',
    ...(audience ? { audience } : {}),
    ...(scopes && scopes.length > 0 ? { scopes } : {}),
  };
}

export interface RunResult {
  /** New source, or null when nothing changed. */
  output: string | null;
  findings: Finding[];
  /** Ids of the transforms that changed something. */
  changedBy: TransformId[];
}

export interface RunInput {
  j: JSCodeshift;
  /** Parses a source text with the parser chosen for the file. */
  parse: (source: string) => Collection;
  filePath: string;
  source: string;
  /** The already-parsed tree of `source`, when the caller has one (parse once). */
  root?: Collection;
  modules: readonly TransformModule[];
  options: TransformOptions;
  packageFacts?: PackageFacts;
}

/**
 * Applies transforms to one file on one parse: every transform records edits against the same
 * tree, and the edits are applied together at the end. Only if two transforms want to edit the
 * same span is the file re-parsed (the later transform then sees the earlier one's output).
 */
export function runTransforms(input: RunInput): RunResult {
  let source = input.source;
  let root = input.root ?? input.parse(source);
  let pending = new EditList();
  const findings: Finding[] = [];
  const changedBy: TransformId[] = [];
  const todoTargets: { offset: number; finding: Finding }[] = [];

  for (const module of input.modules) {
    let attempt = 0;
    for (;;) {
      const own = new EditList();
      const moduleFindings: Finding[] = [];
      const moduleTodos: { offset: number; finding: Finding }[] = [];
      const ctx: TransformContext = {
        j: input.j,
        root,
        source,
        filePath: input.filePath,
        options: input.options,
        packageFacts: input.packageFacts,
        edits: own,
        report: makeReporter(source, module.meta.id, moduleFindings, moduleTodos),
      };
      module.apply(ctx);
      try {
        pending.absorb(own);
      } catch (error) {
        if (!(error instanceof EditConflictError) || attempt > 0) throw error;
        // Settle the earlier transforms' edits, re-parse, and let this transform look again.
        source = pending.applyTo(source);
        root = input.parse(source);
        // The earlier transforms' findings still want their TODO comments, in the new text.
        for (const target of todoTargets) target.offset = pending.mapOffset(target.offset);
        pending = new EditList();
        attempt++;
        continue;
      }
      findings.push(...moduleFindings);
      todoTargets.push(...moduleTodos);
      if (own.size > 0) changedBy.push(module.meta.id);
      break;
    }
  }

  if (input.options.todoComments) addTodoComments(source, pending, todoTargets);
  const applied = pending.applyTracking(source);
  // Objects that grew past the line limit on one line are laid out one member per line.
  const output = layOutGrownObjects({ parse: input.parse, text: applied.text, members: applied.members, before: { root, edits: pending } });
  return { output: output === input.source ? null : output, findings, changedBy };
}

function makeReporter(
  source: string,
  transform: TransformId,
  sink: Finding[],
  todos: { offset: number; finding: Finding }[],
): TransformContext['report'] {
  return (node: ASTNode, code: FindingCode, message: string, cause?: FindingCause) => {
    if (!FINDING_CODES.includes(code)) throw new Error(`unknown finding code ${code}`);
    if (cause !== undefined && FINDING_CAUSES[cause]?.code !== code) throw new Error(`finding cause ${cause} does not belong to ${code}`);
    const [start] = spanOf(node);
    const { line, column } = positionAt(source, start);
    if (isIgnored(source, start)) return;
    if (sink.some((f) => f.code === code && f.line === line && f.column === column)) return;
    const finding: Finding = { code, transform, line, column, message, ...(cause !== undefined ? { cause } : {}) };
    sink.push(finding);
    todos.push({ offset: start, finding });
  };
}

/** 1-based line and column of an offset. */
export function positionAt(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function lineBounds(source: string, offset: number): [number, number] {
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  const nl = source.indexOf('\n', offset);
  return [start, nl === -1 ? source.length : nl];
}

/**
 * True when the line where any of `nodes` starts, or the line above it, carries the ignore
 * marker: the transform leaves that construct as it is and reports nothing about it.
 */
export function isIgnoredNode(source: string, ...nodes: readonly (object | null | undefined)[]): boolean {
  return nodes.some((node) => {
    const start = (node as { start?: unknown } | null | undefined)?.start;
    return typeof start === 'number' && isIgnored(source, start);
  });
}

/** True when the line at `offset`, or the line above it, carries the ignore marker. */
export function isIgnored(source: string, offset: number): boolean {
  const [start, end] = lineBounds(source, offset);
  if (source.slice(start, end).includes(IGNORE_MARKER)) return true;
  if (start === 0) return false;
  const [prevStart, prevEnd] = lineBounds(source, start - 1);
  return source.slice(prevStart, prevEnd).includes(IGNORE_MARKER);
}

/** One `// TODO(auth0-mgmt-codemod): code: message` above each finding's line, never twice. */
function addTodoComments(source: string, edits: EditList, targets: { offset: number; finding: Finding }[]): void {
  const eol = eolOf(source);
  const done = new Set<string>();
  for (const { offset, finding } of targets) {
    const [lineStart] = lineBounds(source, offset);
    const key = `${lineStart}:${finding.code}`;
    if (done.has(key)) continue;
    done.add(key);
    const marker = `${TODO_PREFIX} ${finding.code}`;
    if (lineStart > 0) {
      const [prevStart, prevEnd] = lineBounds(source, lineStart - 1);
      if (source.slice(prevStart, prevEnd).includes(marker)) continue;
    }
    if (!edits.canAdd(lineStart, lineStart)) continue;
    const indent = indentAt(source, lineStart);
    edits.insert(lineStart + indent.length, `// ${marker}: ${finding.message}${eol}${indent}`);
  }
}

const PARSER_NAMES: readonly ParserName[] = ['babel', 'ts', 'tsx', 'flow'];

/**
 * The parser for a file under stock jscodeshift. Its `--parser` is passed to transforms, but it
 * defaults to `babel` even for `.ts`/`.tsx` files, which babel cannot read: there the file's
 * extension decides, so `jscodeshift -t … src/` works on a mixed tree without two runs.
 */
function parserForStockRun(options: Options, file: FileInfo): ParserName {
  const byPath = parserForPath(file.path, file.source);
  const name = options.parser === 'babylon' ? 'babel' : options.parser;
  if (typeof name !== 'string' || !(PARSER_NAMES as readonly string[]).includes(name)) return byPath;
  if (name === 'babel' && (byPath === 'ts' || byPath === 'tsx')) return byPath;
  return name as ParserName;
}

/** A one-line, human-readable rendering of a finding (stock jscodeshift prints these as `REP` lines). */
export function formatFinding(f: Finding): string {
  return `${f.line}:${f.column} [${f.code}] ${f.message}`;
}

/**
 * Wraps a transform module as a stock jscodeshift transform: `jscodeshift -t dist/transforms/<id>.js`.
 * Findings go to `api.report`; the file's own calls decide the scopes unless `--scopes` is given.
 */
export function toJscodeshiftTransform(modules: readonly TransformModule[]) {
  return function transform(file: FileInfo, api: API, options: Options): string | null {
    // The same text test our runner applies before parsing: a file without it cannot change.
    if (!mayNeedMigration(file.source)) return null;
    const j = api.jscodeshift;
    const parser = parserForStockRun(options, file);
    const result = runTransforms({
      j,
      parse: (text) => parseSource(j, parser, text),
      filePath: file.path,
      source: file.source,
      modules,
      options: readTransformOptions(options),
    });
    // jscodeshift's own test helper (applyTransform) passes no `report`.
    if (typeof api.report === 'function') for (const finding of result.findings) api.report(formatFinding(finding));
    return result.output;
  };
}
