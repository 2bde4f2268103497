import type { API, ASTNode, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { EditConflictError, EditList, spanOf } from './ast/edits';
import { lineCommentOffset } from './ast/comment-placement';
import { eolOf } from './ast/nodes';
import { assertParses, type ParserName, parseSource } from './ast/parse';
import { mayNeedMigration } from './analysis/prefilter';
import { layOutGrownObjects } from './ast/object';
import { parserForPath } from './runner/parser';
import { allowedHostProblem, audienceProblem } from './catalog/audience';
import { parseScopeList, scopesProblem } from './catalog/scopes';
import { FINDING_CAUSES, severityOf } from './catalog/findings';
import { collectFileFacts, fileScopes, packageScopesToRequest } from './analysis/facts';
import { buildPackagePlan } from './plan/plan';
import type { SiteDecision, SiteFact } from './plan/types';
import type {
  Finding,
  FindingCause,
  FindingCode,
  PackageFacts,
  ScopeMode,
  SiteSpec,
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
 * --scope-mode=any-user --todo-comments --allow-audience-host=…`) or from our runner's
 * already-typed options. The audience and scopes land verbatim in the user's code, so they are
 * validated as our CLI validates them (src/catalog), whichever way they come in.
 */
export function readTransformOptions(raw: Options | (Partial<TransformOptions> & { allowAudienceHost?: readonly string[] }) | undefined): TransformOptions {
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
  const scopesError = scopes === undefined ? null : scopesProblem(scopes);
  if (scopesError !== null) throw new Error(scopesError);
  const allowedRaw = o.allowAudienceHost ?? o['allow-audience-host'];
  const allowedHosts = typeof allowedRaw === 'string' ? [allowedRaw] : Array.isArray(allowedRaw) ? allowedRaw.map(String) : [];
  for (const host of allowedHosts) {
    const hostError = allowedHostProblem(host);
    if (hostError !== null) throw new Error(hostError);
  }
  if (o.audience !== undefined && typeof o.audience !== 'string') throw new Error(`--audience needs a URL, not ${String(o.audience)}`);
  const audience = typeof o.audience === 'string' && o.audience !== '' ? o.audience : undefined;
  const audienceError = audience === undefined ? null : audienceProblem(audience, allowedHosts);
  if (audienceError !== null) throw new Error(audienceError);
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
  /** Every flow site of every transform in `allModules`, as found in this run (see src/plan). */
  sites: SiteFact[];
  /** The decision each site was given: a run whose decisions the final plan repeats needs no second run. */
  answers: Record<string, SiteAnswer>;
}

export interface SiteAnswer {
  /** The decision, as JSON. */
  decision: string;
  /** The site's work changed nothing and reported nothing: leaving it alone gives the same result. */
  quiet: boolean;
}

export interface RunInput {
  j: JSCodeshift;
  /** Parses a source text with the parser chosen for the file. */
  parse: (source: string) => Collection;
  filePath: string;
  source: string;
  /** The already-parsed tree of `source`, when the caller has one (parse once). */
  root?: Collection;
  /** The transforms whose edits and findings this run keeps. */
  modules: readonly TransformModule[];
  /**
   * Every transform, in registry order: their sites make up the plan even when only some of
   * them write (a consumer may be switched only when its login is migrated too). Default: `modules`.
   */
  allModules?: readonly TransformModule[];
  options: TransformOptions;
  packageFacts?: PackageFacts;
  /**
   * The plan's decision per site key. Absent in a first run, where every site acts with
   * `guessScopes` and reports what it would do (its outcome) for the plan to be built from.
   */
  decisions?: (key: string) => SiteDecision;
  /** The scopes sites act with when `decisions` does not know them. */
  guessScopes?: readonly string[];
  /** Which script block of a container file this is (0 for a plain script). */
  unit?: number;
}

/**
 * Applies transforms to one file on one parse: every transform records edits against the same
 * tree, and the edits are applied together at the end. Only if two transforms want to edit the
 * same span is the file re-parsed (the later transform then sees the earlier one's output).
 *
 * Each transform declares its flow sites (`ctx.site`); a site's work runs only when its decision
 * says so, and its edits are kept only when it reports no warning finding.
 */
export function runTransforms(input: RunInput): RunResult {
  let source = input.source;
  let root = input.root ?? input.parse(source);
  registerIgnoreComments(source, root);
  let pending = new EditList();
  let toOriginal = (offset: number): number => offset;
  const findings: Finding[] = [];
  const changedBy: TransformId[] = [];
  const todoTargets: { offset: number; finding: Finding }[] = [];
  const sites: SiteFact[] = [];
  const answers: Record<string, SiteAnswer> = {};
  const writing = new Set(input.modules);
  const unit = input.unit ?? 0;
  const guessScopes = input.guessScopes ?? (input.packageFacts ? packageScopesToRequest(input.options, input.packageFacts) : undefined);

  for (const module of input.allModules ?? input.modules) {
    let attempt = 0;
    for (;;) {
      const own = new EditList();
      let current = own;
      const moduleFindings: Finding[] = [];
      const moduleTodos: { offset: number; finding: Finding }[] = [];
      const moduleSites: SiteFact[] = [];
      const moduleAnswers: Record<string, SiteAnswer> = {};
      // Findings of sites the plan found blocking: reported even when their transform does not
      // write in this run, since they say why the flow of the transforms that do is left alone.
      const blocking = new Set<Finding>();
      // Warnings the ignore comment silences still mean the site could not be migrated.
      const silenced: FindingCode[] = [];
      const report = makeReporter(source, module.meta.id, moduleFindings, moduleTodos, silenced);
      const here = { source, root, toOriginal };
      const ctx: TransformContext = {
        j: input.j,
        root,
        source,
        filePath: input.filePath,
        options: input.options,
        packageFacts: input.packageFacts,
        get edits() {
          return current;
        },
        report,
        link: (kind, node) => `@${unit}:${kind}:${here.toOriginal(spanOf(node as ASTNode)[0])}`,
        site: (spec, work) => {
          const [start] = spanOf(spec.node as ASTNode);
          const key = `${unit}:${module.meta.id}:${spec.role}:${here.toOriginal(start)}`;
          const fact = siteFact(key, module.meta.id, spec, positionAt(here.source, start));
          moduleSites.push(fact);
          if (spec.ignored) {
            fact.outcome = 'ignored';
            return;
          }
          const decision = input.decisions?.(key) ?? { act: true, scopes: guessScopes ?? fileScopes(ctx.j, here.root, ctx.options.scopeMode) };
          const answer: SiteAnswer = { decision: JSON.stringify(decision), quiet: false };
          moduleAnswers[key] = answer;
          if (decision.report) {
            const before = moduleFindings.length;
            report(spec.node as ASTNode, decision.report.code, decision.report.message, decision.report.cause);
            moduleFindings.slice(before).forEach((f) => blocking.add(f));
            fact.outcome = 'blocked';
            fact.finding = decision.report.code;
            return;
          }
          if (!decision.act) return;
          const findingsBefore = moduleFindings.length;
          const warningsBefore = moduleFindings.filter(isWarning).length;
          const silencedBefore = silenced.length;
          const scratch = new EditList(own);
          current = scratch;
          try {
            work(decision.scopes);
          } finally {
            current = own;
          }
          if (decision.reportOnly) moduleFindings.slice(findingsBefore).forEach((f) => blocking.add(f));
          const warningFound = moduleFindings.filter(isWarning)[warningsBefore];
          const warning = warningFound?.code ?? silenced[silencedBefore];
          if (warning) {
            fact.outcome = 'blocked';
            fact.finding = warning;
            if (warningFound?.cause) fact.findingCause = warningFound.cause;
          } else if (!decision.reportOnly) {
            own.absorb(scratch);
            fact.outcome = scratch.size > 0 ? 'edit' : 'none';
          }
          answer.quiet = scratch.size === 0 && moduleFindings.length === findingsBefore;
        },
      };
      module.apply(ctx);
      if (!writing.has(module)) {
        sites.push(...moduleSites);
        Object.assign(answers, moduleAnswers);
        findings.push(...moduleFindings.filter((f) => blocking.has(f)));
        break;
      }
      try {
        pending.absorb(own);
      } catch (error) {
        if (!(error instanceof EditConflictError) || attempt > 0) throw error;
        // Settle the earlier transforms' edits, re-parse, and let this transform look again.
        const settled = pending;
        source = settled.applyTo(source);
        root = input.parse(source);
        const before = toOriginal;
        toOriginal = (offset) => before(settled.mapBack(offset));
        registerIgnoreComments(source, root);
        // The earlier transforms' findings still want their TODO comments, in the new text.
        for (const target of todoTargets) target.offset = settled.mapOffset(target.offset);
        pending = new EditList();
        attempt++;
        continue;
      }
      findings.push(...moduleFindings);
      todoTargets.push(...moduleTodos);
      sites.push(...moduleSites);
      Object.assign(answers, moduleAnswers);
      if (own.size > 0) changedBy.push(module.meta.id);
      break;
    }
  }

  if (input.options.todoComments) addTodoComments(source, root, pending, todoTargets);
  const applied = pending.applyTracking(source);
  // Objects that grew past the line limit on one line are laid out one member per line.
  const output = layOutGrownObjects({ parse: input.parse, text: applied.text, members: applied.members, before: { root, edits: pending } });
  // In source order, whichever transform or site found them.
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { output: output === input.source ? null : output, findings, changedBy, sites, answers };
}

function isWarning(finding: Finding): boolean {
  return severityOf(finding.code) === 'warning';
}

function siteFact(key: string, transform: TransformId, spec: SiteSpec, at: { line: number; column: number }): SiteFact {
  return {
    key,
    role: spec.role,
    transform,
    line: at.line,
    column: at.column,
    links: [...new Set(spec.links ?? [])],
    ...(spec.outputs ? { outputs: [...new Set(spec.outputs)] } : {}),
    outcome: 'none',
    ...(spec.endpoints && spec.endpoints.length > 0 ? { endpoints: [...spec.endpoints] } : {}),
    ...(spec.client ? { client: true } : {}),
    ...(spec.unserved ? { unserved: true } : {}),
    ...(spec.unknownEndpoint ? { unknownEndpoint: true } : {}),
    ...(spec.grant ? { grant: spec.grant } : {}),
    ...(spec.host ? { host: spec.host } : {}),
    ...(spec.noIdToken ? { noIdToken: true } : {}),
    ...(spec.inherits ? { inherits: true } : {}),
  };
}

/**
 * True when `decisions` would give a first run's result again: every site gets the decision it
 * was given, or is left alone where its work did nothing anyway.
 */
export function answersAgree(answers: Record<string, SiteAnswer>, decisions: (key: string) => SiteDecision): boolean {
  return Object.entries(answers).every(([key, answer]) => {
    const decision = decisions(key);
    if (JSON.stringify(decision) === answer.decision) return true;
    return answer.quiet && !decision.act && decision.report === undefined;
  });
}

/**
 * One file as its own package (stock jscodeshift, and the fixture tests): a first run finds its
 * sites, the plan of this one file decides them, and the file is run again on the same tree only
 * where a decision differs from what the first run assumed.
 */
export function runFileWithPlan(
  input: RunInput & {
    /**
     * The transforms the plan may count on having written (default: `modules`). A consumer is
     * switched only where its login is migrated by one of them; the fixture tests, which check
     * each transform's share of an `all` run, name every transform.
     */
    planSelection?: readonly TransformId[];
  },
): RunResult {
  const root = input.root ?? input.parse(input.source);
  const first = runTransforms({ ...input, root });
  const file = input.filePath;
  const facts = collectFileFacts(input.j, root);
  const plan = buildPackagePlan({
    sites: [...first.sites.map((site) => ({ ...site, file })), ...(input.packageFacts?.sites ?? [])],
    methodEndpoints: [...new Set([...(input.packageFacts?.methodEndpoints ?? []), ...facts.methodEndpoints])],
    options: input.options,
    selected: input.planSelection ?? input.modules.map((m) => m.meta.id),
    packageScan: input.packageFacts !== undefined,
  });
  const decisions = (key: string): SiteDecision => plan.decision(file, key);
  const result = answersAgree(first.answers, decisions) ? first : runTransforms({ ...input, root, decisions });
  const notes = plan.notes
    .filter((note) => note.file === file && input.modules.some((m) => m.meta.id === note.transform))
    .map(({ code, transform, line, column, message }): Finding => ({ code, transform, line, column, message }));
  return { ...result, findings: [...result.findings, ...notes] };
}

function makeReporter(
  source: string,
  transform: TransformId,
  sink: Finding[],
  todos: { offset: number; finding: Finding }[],
  silenced: FindingCode[],
): TransformContext['report'] {
  return (node: ASTNode, code: FindingCode, message: string, cause?: FindingCause) => {
    if (!FINDING_CODES.includes(code)) throw new Error(`unknown finding code ${code}`);
    if (cause !== undefined && FINDING_CAUSES[cause]?.code !== code) throw new Error(`finding cause ${cause} does not belong to ${code}`);
    const [start] = spanOf(node);
    const { line, column } = positionAt(source, start);
    if (isIgnored(source, start)) {
      if (severityOf(code) === 'warning') silenced.push(code);
      return;
    }
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

/**
 * The starts of the lines that carry the ignore marker in a real comment, for the source the
 * transforms are looking at. Only a comment counts: the same words in a string or a template
 * are data, and must not switch the codemod off. Set by runTransforms from the parsed tree (the
 * marker is rare, so only a source that contains it costs anything).
 */
let ignoreComments: { source: string; lineStarts: ReadonlySet<number> } | null = null;

function registerIgnoreComments(source: string, root: Collection): void {
  if (!source.includes(IGNORE_MARKER)) {
    ignoreComments = null;
    return;
  }
  const lineStarts = new Set<number>();
  const comments = ((root.get()?.node as { comments?: unknown[] } | undefined)?.comments ?? []) as { start?: unknown; end?: unknown }[];
  for (const comment of comments) {
    if (typeof comment.start !== 'number' || typeof comment.end !== 'number') continue;
    const text = source.slice(comment.start, comment.end);
    for (let at = text.indexOf(IGNORE_MARKER); at !== -1; at = text.indexOf(IGNORE_MARKER, at + 1)) {
      lineStarts.add(lineBounds(source, comment.start + at)[0]);
    }
  }
  ignoreComments = { source, lineStarts };
}

/** True when the line at `offset`, or the line above it, carries the ignore marker in a comment. */
export function isIgnored(source: string, offset: number): boolean {
  if (!source.includes(IGNORE_MARKER)) return false;
  // Asked about a text runTransforms did not parse (a caller of its own): no comment is known.
  if (ignoreComments === null || ignoreComments.source !== source) return false;
  const [start] = lineBounds(source, offset);
  if (ignoreComments.lineStarts.has(start)) return true;
  return start > 0 && ignoreComments.lineStarts.has(lineBounds(source, start - 1)[0]);
}

/**
 * The text of a TODO comment: a finding's message quotes source text, and in a `//` comment a
 * line break (LF, CR, U+2028, U+2029) would end the comment and turn the rest into code. In an
 * HTML script block `</script`, `<!--` and `<script` change where the block ends.
 */
export function commentSafeText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/<(?=!--|\/|script)/gi, '<\\');
}

/** One `// TODO(auth0-mgmt-codemod): code: message` above each finding's line, never twice, never where a comment would change the code. */
function addTodoComments(source: string, root: Collection, edits: EditList, targets: { offset: number; finding: Finding }[]): void {
  const eol = eolOf(source);
  const done = new Set<string>();
  for (const { offset, finding } of targets) {
    const at = lineCommentOffset(root, source, offset);
    if (at === null) continue;
    const [lineStart] = lineBounds(source, at);
    const key = `${lineStart}:${finding.code}`;
    if (done.has(key)) continue;
    done.add(key);
    const marker = `${TODO_PREFIX} ${finding.code}`;
    if (lineStart > 0) {
      const [prevStart, prevEnd] = lineBounds(source, lineStart - 1);
      if (source.slice(prevStart, prevEnd).includes(marker)) continue;
    }
    if (!edits.canAdd(at, at)) continue;
    const indent = source.slice(lineStart, at);
    edits.insert(at, `// ${marker}: ${commentSafeText(finding.message)}${eol}${indent}`);
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
export function toJscodeshiftTransform(modules: readonly TransformModule[], allModules: () => readonly TransformModule[] = () => modules) {
  return function transform(file: FileInfo, api: API, options: Options): string | null {
    // The same text test our runner applies before parsing: a file without it cannot change.
    if (!mayNeedMigration(file.source)) return null;
    const j = api.jscodeshift;
    const parser = parserForStockRun(options, file);
    const result = runFileWithPlan({
      j,
      parse: (text) => parseSource(j, parser, text),
      filePath: file.path,
      source: file.source,
      modules,
      allModules: allModules(),
      options: readTransformOptions(options),
    });
    // jscodeshift's own test helper (applyTransform) passes no `report`.
    if (typeof api.report === 'function') for (const finding of result.findings) api.report(formatFinding(finding));
    // jscodeshift writes what it gets: text that no longer parses is an error for this file instead.
    if (result.output !== null) assertParses(parser, result.output);
    return result.output;
  };
}
