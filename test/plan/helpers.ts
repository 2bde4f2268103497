import jscodeshift from 'jscodeshift';
import { collectFileFacts, mergePackageFacts } from '../../src/analysis/facts';
import { parseSource } from '../../src/ast/parse';
import { buildPackagePlan, type PackagePlan, type PlanInput } from '../../src/plan/plan';
import type { PackageSite, PlanFinding, SiteDecision, SiteRole } from '../../src/plan/types';
import { parserForPath } from '../../src/runner/parser';
import { readTransformOptions, runTransforms } from '../../src/transform-kit';
import type { TransformId, TransformOptions } from '../../src/types';
import { TRANSFORMS } from '../../transforms/index';

/** Every transform, as `all` selects them. */
export const ALL: readonly TransformId[] = TRANSFORMS.map((m) => m.meta.id);

export const DEFAULTS: TransformOptions = { scopeMode: 'current-user', todoComments: false };

/** A plan together with the input it was built from. */
export interface Planned {
  input: PlanInput;
  plan: PackagePlan;
}

export interface How {
  /** CLI-style options (`scopes: 'a,b'`, `audience`, `scopeMode`), read as the CLI reads them. */
  options?: Record<string, unknown>;
  /** The transforms that write in this run (default: all). */
  selected?: readonly TransformId[];
}

function parserFor(filePath: string, source: string) {
  const parser = parserForPath(filePath, source);
  const j = jscodeshift.withParser(parser);
  return { j, parse: (text: string) => parseSource(j, parser, text) };
}

/**
 * The runner's way (src/runner/run.ts): the package's facts from all of its files, then each
 * file's first run with those facts finds its sites, and one plan decides them (`packageScan: true`).
 */
export function planPackage(files: Record<string, string>, how: How = {}): Planned {
  const options = readTransformOptions(how.options ?? {});
  const parsed = Object.entries(files).map(([file, source]) => {
    const { j, parse } = parserFor(file, source);
    const root = parse(source);
    return { file, source, j, parse, root, facts: collectFileFacts(j, root) };
  });
  const facts = mergePackageFacts('.', parsed.map((p) => p.facts), options.scopeMode);
  const sites: PackageSite[] = [];
  for (const { file, source, j, parse, root } of parsed) {
    const first = runTransforms({ j, parse, filePath: file, source, root, modules: TRANSFORMS, allModules: TRANSFORMS, options, packageFacts: facts });
    sites.push(...first.sites.map((site) => ({ ...site, file })));
  }
  const input: PlanInput = { sites, methodEndpoints: facts.methodEndpoints ?? [], options, selected: how.selected ?? ALL, packageScan: true };
  return { input, plan: buildPackagePlan(input) };
}

/**
 * Stock jscodeshift's way (runFileWithPlan in src/transform-kit.ts): one file is the whole
 * package, its first run has no package facts, and the plan knows it (`packageScan: false`).
 */
export function planFile(file: string, source: string, how: How = {}): Planned {
  const options = readTransformOptions(how.options ?? {});
  const { j, parse } = parserFor(file, source);
  const root = parse(source);
  const first = runTransforms({ j, parse, filePath: file, source, root, modules: TRANSFORMS, allModules: TRANSFORMS, options });
  const input: PlanInput = {
    sites: first.sites.map((site) => ({ ...site, file })),
    methodEndpoints: collectFileFacts(j, root).methodEndpoints,
    options,
    selected: how.selected ?? ALL,
    packageScan: false,
  };
  return { input, plan: buildPackagePlan(input) };
}

export interface SiteQuery {
  file?: string;
  role?: SiteRole;
  transform?: TransformId;
  line?: number;
}

/** The input's sites that match, in input order. */
export function sitesOf({ input }: Planned, query: SiteQuery = {}): PackageSite[] {
  return input.sites.filter(
    (s) =>
      (query.file === undefined || s.file === query.file) &&
      (query.role === undefined || s.role === query.role) &&
      (query.transform === undefined || s.transform === query.transform) &&
      (query.line === undefined || s.line === query.line),
  );
}

/** The one site that matches; throws when there is none or more than one. */
export function siteOf(planned: Planned, query: SiteQuery): PackageSite {
  const found = sitesOf(planned, query);
  if (found.length !== 1) throw new Error(`expected one site for ${JSON.stringify(query)}, found ${found.length}`);
  return found[0];
}

export function decisionOf({ plan }: Planned, site: PackageSite): SiteDecision {
  return plan.decision(site.file, site.key);
}

/** `file:line:role` of a site, for readable expectations. */
export function where(site: { file: string; line: number; role: SiteRole }): string {
  return `${site.file}:${site.line}:${site.role}`;
}

/** The sites the plan lets act (do their edits, or their own finding). */
export function acting(planned: Planned): string[] {
  return planned.input.sites.filter((s) => decisionOf(planned, s).act).map(where);
}

/**
 * Every finding the plan makes a site report: the plan's own (`report`) or the site's own, run
 * only for it (`reportOnly`). `own` stands for the finding the site reported while probing.
 */
export function findingsOf(planned: Planned): { at: string; code: string; cause?: string; message?: string }[] {
  const out: { at: string; code: string; cause?: string; message?: string }[] = [];
  for (const site of planned.input.sites) {
    const decision = decisionOf(planned, site);
    if (decision.report) out.push(findingAt(site, decision.report));
    else if (decision.reportOnly) out.push({ at: where(site), code: site.finding ?? 'own' });
  }
  return out;
}

function findingAt(site: PackageSite, report: PlanFinding): { at: string; code: string; cause?: string; message?: string } {
  return { at: where(site), code: report.code, ...(report.cause ? { cause: report.cause } : {}), message: report.message };
}

/** Notes as `code@file:line`. */
export function notesOf({ plan }: Planned): string[] {
  return plan.notes.map((n) => `${n.code}@${n.file}:${n.line}`);
}

// ---------------------------------------------------------------------------------------------
// A typed builder for sites the way the transforms declare them, for rules that are cheaper to
// state with a handful of sites than with source text.

export type SiteInit = Partial<Omit<PackageSite, 'role' | 'file' | 'line' | 'key'>>;

const DEFAULT_TRANSFORM: Record<SiteRole, TransformId> = {
  producer: 'webauth-config',
  carrier: 'management-token',
  consumer: 'management-token',
  secondary: 'management-token',
  blocker: 'webauth-config',
};

/** A site at `file:line` with the key a transform would give it (`<unit>:<transform>:<role>:<offset>`). */
export function site(role: SiteRole, file: string, line: number, init: SiteInit = {}): PackageSite {
  const transform = init.transform ?? DEFAULT_TRANSFORM[role];
  return { key: `0:${transform}:${role}:${line * 100}`, role, transform, file, line, column: 1, links: [], outcome: 'edit', ...init };
}

export const producer = (file: string, line: number, init: SiteInit = {}): PackageSite => site('producer', file, line, init);
export const carrier = (file: string, line: number, init: SiteInit = {}): PackageSite => site('carrier', file, line, init);
export const consumer = (file: string, line: number, init: SiteInit = {}): PackageSite => site('consumer', file, line, init);

/** A plan of hand-made sites: a package scan, every transform selected, current-user scopes. */
export function planSites(sites: readonly PackageSite[], more: Partial<PlanInput> = {}): Planned {
  const input: PlanInput = { sites, methodEndpoints: [], options: DEFAULTS, selected: ALL, packageScan: true, ...more };
  return { input, plan: buildPackagePlan(input) };
}
