import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jscodeshift from 'jscodeshift';
import { parseSource } from '../../src/ast/parse';
import { parserForPath } from '../../src/runner/parser';
import { readTransformOptions, runTransforms, type RunResult } from '../../src/transform-kit';
import type { PackageFacts, TransformModule } from '../../src/types';

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

/** Runs modules on a fixture's text the way the runner does (parser from the extension). */
export function runOnSource(
  modules: readonly TransformModule[],
  filePath: string,
  source: string,
  options: Record<string, unknown> = {},
  packageFacts?: PackageFacts,
): RunResult {
  const parser = parserForPath(filePath, source);
  const j = jscodeshift.withParser(parser);
  return runTransforms({
    j,
    parse: (text) => parseSource(j, parser, text),
    filePath,
    source,
    modules,
    options: readTransformOptions(options),
    packageFacts,
  });
}

/** Throws when the text does not parse with the parser its extension implies. */
export function assertParses(filePath: string, source: string): void {
  const parser = parserForPath(filePath, source);
  parseSource(jscodeshift.withParser(parser), parser, source);
}
