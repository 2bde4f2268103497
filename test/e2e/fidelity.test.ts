import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeRepo, readTree, removeTempDirs } from '../cli/helpers';
import { cli, ensureBuilt, FIXTURES, gitApply, jsonReport, modifiedFiles } from './helpers';

/**
 * Formatting fidelity through the built CLI, for every file kind (js, ts, tsx, vue, svelte,
 * html). Each case in __testfixtures__/fidelity/ is an LF file with a final newline whose expected
 * output shows the layout rules: quotes of inserted values follow the code around them, and
 * inserted properties follow the object's layout (one per line or inline, trailing comma or not,
 * spaces or tabs; an inline object that grows past 100 columns takes one line per member). Each case is also run in the file shapes below; the expected bytes of a shape
 * are the expected output put into the same shape, so a CRLF file stays CRLF on the lines the
 * transform adds too, a BOM stays, and a missing final newline stays missing.
 */

const DIR = path.join(FIXTURES, 'fidelity');
const BOM = '\uFEFF';

interface Shape {
  name: string;
  apply(text: string): string;
}

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
const bom = (text: string): string => BOM + text;
const noFinalNewline = (text: string): string => text.replace(/\r?\n$/, '');

const SHAPES: Shape[] = [
  { name: 'lf', apply: (text) => text },
  { name: 'crlf', apply: crlf },
  { name: 'bom', apply: bom },
  { name: 'no-final-newline', apply: noFinalNewline },
  { name: 'crlf-bom-no-final-newline', apply: (text) => bom(noFinalNewline(crlf(text))) },
];

interface FidelityCase {
  name: string;
  ext: string;
  input: string;
  output: string;
}

const CASES: FidelityCase[] = readdirSync(DIR)
  .map((file) => /^(.*)\.input\.([a-z]+)$/.exec(file))
  .filter((match): match is RegExpExecArray => match !== null)
  .map(([file, name, ext]) => ({
    name,
    ext,
    input: readFileSync(path.join(DIR, file), 'utf8'),
    output: readFileSync(path.join(DIR, `${name}.output.${ext}`), 'utf8'),
  }));

/** Each case and shape in a package of its own, so every file's scopes come from its own calls. */
function relPath(c: FidelityCase, shape: Shape): string {
  return `cases/${c.name}-${shape.name}/${c.name}.${c.ext}`;
}

function fidelityRepo(): string {
  const files: Record<string, string> = {};
  for (const c of CASES) {
    for (const shape of SHAPES) {
      files[`cases/${c.name}-${shape.name}/package.json`] = `{ "name": "${c.name}-${shape.name}" }\n`;
      files[relPath(c, shape)] = shape.apply(c.input);
    }
  }
  return makeRepo(files, 'amc-fidelity-');
}

function expectedTree(): Record<string, string> {
  const expected: Record<string, string> = {};
  for (const c of CASES) for (const shape of SHAPES) expected[relPath(c, shape)] = shape.apply(c.output);
  return expected;
}

function sourceFiles(tree: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).filter(([rel]) => !rel.endsWith('package.json')));
}

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

describe('formatting fidelity for every file kind', () => {
  it('has a case for every file kind, each plain LF with one final newline', () => {
    expect(CASES.map((c) => c.ext).sort()).toEqual(['html', 'js', 'svelte', 'ts', 'tsx', 'vue']);
    for (const c of CASES) {
      for (const text of [c.input, c.output]) {
        expect(text.endsWith('\n') && !text.endsWith('\n\n'), c.name).toBe(true);
        expect(text.includes('\r') || text.startsWith(BOM), c.name).toBe(false);
      }
      expect(c.output, c.name).not.toBe(c.input);
    }
  });

  it('writes the expected bytes in every shape, and a second run changes nothing', () => {
    const repo = fidelityRepo();
    const result = cli(repo, '.', '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = jsonReport(result);
    expect(report.totals).toMatchObject({ candidates: CASES.length * SHAPES.length, changed: CASES.length * SHAPES.length, errors: 0 });
    expect(sourceFiles(readTree(repo))).toEqual(expectedTree());

    git(repo, 'commit', '-qam', 'migrated');
    const again = cli(repo, '.', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(jsonReport(again).totals.changed).toBe(0);
    expect(modifiedFiles(repo)).toEqual([]);
  });

  it('--dry prints a patch that git apply turns into the same bytes', () => {
    const repo = fidelityRepo();
    const dry = cli(repo, '--dry');
    expect(dry.code, dry.stderr).toBe(0);
    expect(modifiedFiles(repo)).toEqual([]);
    // The patch carries the CRLF lines and the missing final newlines itself.
    expect(dry.stdout).toContain('\r\n');
    expect(dry.stdout).toContain('\\ No newline at end of file');
    gitApply(repo, dry.stdout);
    expect(sourceFiles(readTree(repo))).toEqual(expectedTree());
  });
});
