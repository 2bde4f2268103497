import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jscodeshift from 'jscodeshift';
import { parseSource } from '../../src/ast/parse';
import { parserForPath } from '../../src/runner/parser';
import { readTransformOptions, runFileWithPlan, type RunResult } from '../../src/transform-kit';
import { TRANSFORMS } from '../../transforms/index';
import type { PackageFacts, TransformModule } from '../../src/types';
import type { PackageSite } from '../../src/plan/types';

export const FIXTURE_ROOT = join(__dirname, '..', '..', '__testfixtures__');

export interface FixtureCase {
  transformId: string;
  name: string;
  ext: string;
  inputPath: string;
  input: string;
  /** Expected output; undefined for `noop-`/`bail-` cases, which must not change. */
  output?: string;
  /** Expected findings as `{ code, line }` (and, where it matters, `cause`), from `<case>.findings.json`. */
  findings?: { code: string; line: number; cause?: string }[];
  /** Transform options and package facts for the case, from `<case>.options.json`. */
  options: Record<string, unknown>;
  packageFacts?: PackageFacts;
}

/** Every `<case>.input.<ext>` under `__testfixtures__/<transformId>/`. */
export function discoverFixtures(transformId: string): FixtureCase[] {
  const dir = join(FIXTURE_ROOT, transformId);
  if (!existsSync(dir)) return [];
  const cases: FixtureCase[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = /^(.*)\.input\.([a-z]+)$/.exec(file);
    if (!match) continue;
    const [, name, ext] = match;
    const read = (suffix: string): string | undefined => {
      const p = join(dir, `${name}.${suffix}`);
      return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
    };
    const optionsText = read('options.json');
    const parsedOptions = optionsText ? (JSON.parse(optionsText) as Record<string, unknown>) : {};
    const { packageFacts, ...options } = parsedOptions;
    const findingsText = read('findings.json');
    cases.push({
      transformId,
      name,
      ext,
      inputPath: join(dir, file),
      input: readFileSync(join(dir, file), 'utf8'),
      output: read(`output.${ext}`),
      findings: findingsText ? (JSON.parse(findingsText) as { code: string; line: number; cause?: string }[]) : undefined,
      options,
      packageFacts: packageFacts as PackageFacts | undefined,
    });
  }
  return cases;
}

/** Output files and findings files that have no input beside them. */
export function orphanFixtureFiles(transformId: string): string[] {
  const dir = join(FIXTURE_ROOT, transformId);
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir);
  const inputs = new Set(files.filter((f) => f.includes('.input.')).map((f) => f.split('.input.')[0]));
  return files.filter((f) => {
    const m = /^(.*)\.(output\.[a-z]+|findings\.json|options\.json)$/.exec(f);
    return m !== null && !inputs.has(m[1]);
  });
}

/**
 * A fixture's `packageFacts` stand for the package's other files: an ordinary app whose login
 * can be migrated, which stores its ID token under the `idTokenKeys` and calls the Management API
 * (`endpoints`) with a token from some login of the package. The plan sees them as one site of
 * each kind, unless the facts list the other files' sites themselves.
 */
function withOtherFiles(facts: PackageFacts | undefined): PackageFacts | undefined {
  if (!facts || facts.sites) return facts;
  const elsewhere = (role: PackageSite['role'], transform: PackageSite['transform'], links: string[], index: number): PackageSite => ({
    file: 'elsewhere.js',
    key: `0:${transform}:${role}:${index}`,
    role,
    transform,
    line: index + 1,
    column: 1,
    links,
    outcome: 'edit',
    ...(role === 'consumer' ? { client: true } : {}),
  });
  const sites: PackageSite[] = [elsewhere('producer', 'webauth-config', [], 0)];
  const readKeys = facts.storage.managementTokenKeys.map((key) => `storage:${key}`);
  if (facts.endpoints.length > 0) sites.push(elsewhere('consumer', 'management-token', ['login:*', ...readKeys], 1));
  facts.storage.idTokenKeys.forEach((key, i) => sites.push(elsewhere('carrier', 'management-token', [`storage:${key}`, 'login:*'], 2 + i)));
  return { ...facts, methodEndpoints: facts.methodEndpoints ?? facts.endpoints, sites };
}

/**
 * Runs modules on a fixture's text the way the runner does (parser from the extension), as their
 * share of an `all` run: the plan counts on every transform, and only these modules' edits and
 * findings are kept.
 */
export function runOnSource(
  modules: readonly TransformModule[],
  filePath: string,
  source: string,
  options: Record<string, unknown> = {},
  packageFacts?: PackageFacts,
  /** `alone`: as stock jscodeshift runs one transform, counting on no other transform's edits. */
  how: { alone?: boolean } = {},
): RunResult {
  const parser = parserForPath(filePath, source);
  const ids = new Set(modules.map((m) => m.meta.id));
  const j = jscodeshift.withParser(parser);
  const result = runFileWithPlan({
    j,
    parse: (text) => parseSource(j, parser, text),
    filePath,
    source,
    modules,
    allModules: TRANSFORMS,
    planSelection: how.alone ? modules.map((m) => m.meta.id) : TRANSFORMS.map((m) => m.meta.id),
    options: readTransformOptions(options),
    packageFacts: withOtherFiles(packageFacts),
  });
  return { ...result, findings: result.findings.filter((f) => ids.has(f.transform)) };
}

/** Throws when the text does not parse with the parser its extension implies. */
export function assertParses(filePath: string, source: string): void {
  const parser = parserForPath(filePath, source);
  parseSource(jscodeshift.withParser(parser), parser, source);
}
