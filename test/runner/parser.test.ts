import { textOf } from '../../src/ast/edits';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import {
  fallbackParser,
  hasFlowPragma,
  ParseError,
  parseWithFallback,
  parserForPath,
  parserForScriptLang,
  type ParserName,
} from '../../src/runner/parser';

const j = jscodeshift;

function parseFailure(filePath: string, source: string, first?: ParserName): ParseError {
  try {
    parseWithFallback(j, filePath, source, first);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`${filePath} parsed`);
}

describe('parserForPath', () => {
  it('picks the parser from the extension', () => {
    const cases: [string, ParserName][] = [
      ['src/a.ts', 'ts'],
      ['src/a.mts', 'ts'],
      ['src/a.cts', 'ts'],
      ['types/a.d.ts', 'ts'],
      ['src/A.tsx', 'tsx'],
      ['src/a.js', 'babel'],
      ['src/a.jsx', 'babel'],
      ['src/a.mjs', 'babel'],
      ['src/a.cjs', 'babel'],
      ['SRC/A.JS', 'babel'],
      ['src/A.TS', 'ts'],
    ];
    for (const [path, parser] of cases) expect(parserForPath(path), path).toBe(parser);
  });

  it('chooses flow for JavaScript whose leading comments carry @flow', () => {
    expect(parserForPath('a.js', '// @flow\nconst a: ?string = null;')).toBe('flow');
    expect(parserForPath('a.jsx', '/**\n * Copyright Example Inc.\n * @flow strict\n */\nexport {};')).toBe('flow');
    expect(parserForPath('a.js', '/* License: MIT */\n\n// @flow\nexport {};')).toBe('flow');
    expect(parserForPath('a.js', '#!/usr/bin/env node\n// @flow\n')).toBe('flow');
    expect(parserForPath('a.js', '\uFEFF/* @flow */\n')).toBe('flow');
  });

  it('ignores @flow outside the leading comments, @noflow and TypeScript files', () => {
    expect(parserForPath('a.js', 'const a = 1;\n// @flow\n')).toBe('babel');
    expect(parserForPath('a.js', '// @noflow\nconst a = 1;')).toBe('babel');
    expect(parserForPath('a.js', '// @flowtype is a word\n')).toBe('babel');
    expect(parserForPath('a.js', "const s = '// @flow';")).toBe('babel');
    expect(parserForPath('a.ts', '// @flow\n')).toBe('ts');
    expect(hasFlowPragma('/* unterminated @flow')).toBe(false);
  });
});

describe('parserForScriptLang', () => {
  it('maps container script languages to parsers', () => {
    expect(parserForScriptLang('ts')).toBe('ts');
    expect(parserForScriptLang('tsx')).toBe('tsx');
    expect(parserForScriptLang('js')).toBe('babel');
    expect(parserForScriptLang('jsx')).toBe('babel');
    expect(parserForScriptLang('js', '// @flow\nlet a: ?number;')).toBe('flow');
  });
});

describe('fallbackParser', () => {
  it('pairs ts with tsx, sends babel to TypeScript and flow to babel', () => {
    expect(fallbackParser('ts', 'a.ts')).toBe('tsx');
    expect(fallbackParser('tsx', 'a.tsx')).toBe('ts');
    expect(fallbackParser('babel', 'a.js')).toBe('tsx');
    expect(fallbackParser('babel', 'a.mts')).toBe('ts');
    expect(fallbackParser('flow', 'a.js')).toBe('babel');
  });
});

describe('parseWithFallback', () => {
  it('uses the first parser when it succeeds and returns a working collection', () => {
    const source = 'const el = <App audience="x" />;\r\n\tnew auth0.WebAuth({});\n';
    const { root, parser } = parseWithFallback(j, 'a.js', source);
    expect(parser).toBe('babel');
    expect(root.find(j.NewExpression).length).toBe(1);
    // Offsets index into the original text (tabs, CRLF and all), which byte-exact edits rely on.
    expect(textOf(source, root.find(j.NewExpression).get().node)).toBe('new auth0.WebAuth({})');
  });

  it('parses TypeScript and Flow files with their own parsers', () => {
    expect(parseWithFallback(j, 'a.ts', 'let a: string = <string>b;').parser).toBe('ts');
    expect(parseWithFallback(j, 'a.tsx', 'const a = <T,>(x: T) => <p>{x}</p>;').parser).toBe('tsx');
    expect(parseWithFallback(j, 'a.js', '// @flow\nconst a: ?string = null;').parser).toBe('flow');
  });

  it('falls back to tsx for a .ts file with JSX and to ts for a .tsx file with a cast', () => {
    expect(parseWithFallback(j, 'a.ts', 'export const a = <div className="x" />;').parser).toBe('tsx');
    expect(parseWithFallback(j, 'a.tsx', 'const a = <string>value;\nexport { a };').parser).toBe('ts');
  });

  it('falls back to tsx for TypeScript syntax in a .js file', () => {
    const { root, parser } = parseWithFallback(j, 'a.js', 'export function f(token: string): void {}\n');
    expect(parser).toBe('tsx');
    expect(root.find(j.FunctionDeclaration).length).toBe(1);
  });

  it('parses @flow files with typed class fields into a tree jscodeshift can walk', () => {
    const { root, parser } = parseWithFallback(j, 'a.js', '// @flow\nclass A { x: number = 1; m() { return this.x; } }\n');
    expect(parser).toBe('flow');
    expect(root.find(j.Identifier).size()).toBeGreaterThan(0);
  });

  it('parses a block of a container with the parser its lang asks for', () => {
    expect(parseWithFallback(j, 'profile.vue', '\nconst a: number = 1;\n', parserForScriptLang('ts')).parser).toBe('ts');
  });

  it('throws a ParseError with the first parser’s position when both fail', () => {
    const error = parseFailure('src/auth.js', 'const a = 1;\nconst b = ;\n');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ParseError');
    expect(error.parser).toBe('babel');
    expect(error.line).toBe(2);
    expect(error.column).toBe(11);
    expect(error.message).toMatch(/^Unexpected token/);
    expect(error.message).not.toMatch(/\(\d+:\d+\)$/);
  });

  it('reports flow-parser failures the same way', () => {
    const error = parseFailure('a.js', '// @flow\nconst a = ;\n');
    expect(error).toMatchObject({ parser: 'flow', line: 2, column: 11 });
  });

  it('reports TypeScript failures against the file’s own parser', () => {
    const error = parseFailure('a.ts', 'let a: = 1;');
    expect(error).toMatchObject({ parser: 'ts', line: 1, column: 8 });
  });
});
