import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, readTree, removeTempDirs } from '../cli/helpers';
import { cli, ensureBuilt, FIXTURES, jsonReport } from './helpers';

/**
 * The parser each file gets, through the built CLI: `.ts` → TypeScript (so `<T>x` casts work),
 * `.tsx` → TSX, `.js/.jsx/.mjs/.cjs` → Babel with JSX, `@flow` files → Babel's Flow plugin; a file
 * its own parser rejects is tried once with the other plausible one (JSX in a `.ts` file,
 * TypeScript in a `.js` file); a file no parser reads is an error with its line and column, exit
 * 2, while every other file is still migrated. Cases: __testfixtures__/parsers/.
 */

const DIR = path.join(FIXTURES, 'parsers');

const INPUTS = readdirSync(DIR)
  .map((file) => /^(.*)\.input\.([a-z]+)$/.exec(file))
  .filter((match): match is RegExpExecArray => match !== null)
  .map(([file, name, ext]) => ({ name, ext, rel: `src/${name}.${ext}`, input: readFileSync(path.join(DIR, file), 'utf8') }));

const outputOf = (name: string, ext: string): string => readFileSync(path.join(DIR, `${name}.output.${ext}`), 'utf8');

/** Where the app stores the ID token the cases read: the other end of their flows. */
const STORE = {
  rel: 'src/store.js',
  input: "/* global auth0, webAuth, localStorage */\nwebAuth.parseHash(function (err, authResult) {\n  localStorage.setItem('id_token', authResult.idToken);\n});\n",
  output:
    "/* global auth0, webAuth, localStorage */\nwebAuth.parseHash(function (err, authResult) {\n  localStorage.setItem('id_token', authResult.idToken);\n  localStorage.setItem('access_token', authResult.accessToken);\n});\n",
};

/** Files no parser accepts, with the position of the first error in the file (the container's line for .vue). */
const BROKEN: Record<string, string> = {
  'src/broken.js': '5:3 Unexpected token, expected ","',
  'src/broken.vue': '12:3 Missing semicolon.',
};

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

describe('parser choice through the CLI', () => {
  it('migrates every file kind with its parser or the fallback, and reports the unparsable ones with line and column', () => {
    expect(INPUTS.map((i) => i.ext).sort()).toEqual(['cjs', 'js', 'js', 'js', 'js', 'jsx', 'mjs', 'ts', 'ts', 'tsx', 'vue']);
    const files: Record<string, string> = { 'package.json': '{ "name": "parsers" }\n', [STORE.rel]: STORE.input };
    for (const i of INPUTS) files[i.rel] = i.input;
    const repo = makeRepo(files, 'amc-parsers-');

    const result = cli(repo, '.', '--json');
    expect(result.code, result.stderr).toBe(2);
    const report = jsonReport(result);
    expect(report.totals).toMatchObject({ candidates: INPUTS.length + 1, changed: INPUTS.length - 1, errors: 2 });

    const tree = readTree(repo);
    expect(tree[STORE.rel]).toBe(STORE.output);
    for (const i of INPUTS) {
      const file = report.files.find((f) => f.path === i.rel);
      if (i.name === 'broken') {
        expect(file, i.rel).toMatchObject({ status: 'error', error: BROKEN[i.rel] });
        expect(tree[i.rel], i.rel).toBe(i.input);
      } else {
        expect(file, i.rel).toMatchObject({ status: 'changed', error: null });
        expect(tree[i.rel], i.rel).toBe(outputOf(i.name, i.ext));
      }
    }
    for (const [rel, error] of Object.entries(BROKEN)) {
      const [position, ...message] = error.split(' ');
      expect(result.stderr).toContain(`${rel}:${position}  ${message.join(' ')}`);
    }
  });
});
