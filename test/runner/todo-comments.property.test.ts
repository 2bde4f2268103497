import fc from 'fast-check';
import jscodeshift, { type ASTNode } from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/ast/parse';
import { extractScriptBlocks } from '../../src/runner/containers';
import { Engine } from '../../src/runner/engine';
import { parserForPath, parserForScriptLang } from '../../src/runner/parser';
import { readTransformOptions } from '../../src/transform-kit';
import type { PackageFacts, TransformModule } from '../../src/types';

/**
 * `--todo-comments` writes a finding's message, which quotes source text, into the user's code.
 * Whatever the message holds (any Unicode: line breaks, U+2028, `*\/`, `</script>`, `<!--`,
 * backticks) and whichever node a finding points at (inside JSX text, a template literal, a
 * string continued with `\`, a regular expression, a comment's neighbour), the output must parse
 * with the file's own parser and hold exactly the statements it held before: a comment adds none.
 */

const FACTS: PackageFacts = {
  path: '.',
  endpoints: ['GET /api/v2/users/{id}'],
  scopes: ['read:current_user'],
  storage: { idTokenKeys: [], accessTokenKeys: [], managementTokenKeys: [] },
  versions: {},
};

const SCRIPT = [
  "import auth0 from 'auth0-js';",
  '/* a block comment',
  '   over two lines */',
  "const note = 'continued \\",
  "text'; const re = /a\\/b/g;",
  'const page = `<p>',
  '${auth0.version}',
  '  ${note}</p>`;',
  'export function login(getToken) {',
  '  return fetch(`https://acme.auth0.com/api/v2/users/${',
  '    getToken()}`, {',
  "    headers: { Authorization: 'Bearer ' + getToken() },",
  '  });',
  '}',
  '',
].join('\n');

const JSX = [
  "import auth0 from 'auth0-js';",
  'export const Login = ({ url }) => (',
  '  <div',
  '    className="login"',
  '    title={`a',
  'b`}>',
  '    Log in with',
  '    {url}',
  '    <a href={url}>Auth0</a>',
  '  </div>',
  ');',
  'type Props = { url: string };',
  '',
].join('\n');

const SOURCES: Record<string, string> = {
  'src/app.js': SCRIPT,
  'src/Login.tsx': JSX,
  'src/App.vue': `<template>\n  <p>{{ note }}</p>\n</template>\n<script>\n${SCRIPT}</script>\n<script setup lang="ts">\nconst n: number = 1;\n</script>\n`,
  'public/index.html': `<!doctype html>\n<html>\n<body>\n<script>\n${SCRIPT.replace("import auth0 from 'auth0-js';", 'var auth0 = window.auth0;').replace('export ', '')}</script>\n<p>after</p>\n</body>\n</html>\n`,
};

/** Characters and runs that end comments, strings or script blocks, mixed into the messages. */
const DANGEROUS = ['\n', '\r', '\r\n', '\u2028', '\u2029', '*/', '/*', '//', '</script>', '</SCRIPT', '<!--', '-->', '<script>', '`', '${', '}', '\\', "'", '"', '<', '>', ' ', 'x'];

const message = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...DANGEROUS), maxLength: 12 }));

/** A stand-in transform that reports a finding with message `messages[i]` on node `picks[i]` of the file. */
function reporting(picks: readonly number[], messages: readonly string[]): TransformModule {
  return {
    meta: { id: 'management-token', description: 'stand-in: random findings' },
    apply(ctx) {
      const nodes = ctx.root.find(ctx.j.Node).nodes() as unknown as ASTNode[];
      picks.forEach((pick, i) => ctx.report(nodes[pick % nodes.length], 'untraceable-token', messages[i]));
    },
  };
}

/** Each JavaScript unit of a file, with the parser the runner reads it with. */
function units(filePath: string, text: string): { parser: ReturnType<typeof parserForPath>; text: string }[] {
  const blocks = extractScriptBlocks(filePath, text);
  if (blocks === null) return [{ parser: parserForPath(filePath, text), text }];
  return blocks.map((block) => ({ parser: parserForScriptLang(block.lang, block.content), text: block.content }));
}

function statements(filePath: string, text: string): number[] {
  return units(filePath, text).map(({ parser, text: unit }) => parseSource(jscodeshift.withParser(parser), parser, unit).find(jscodeshift.Statement).size());
}

describe('--todo-comments with any message, at any node', () => {
  for (const [filePath, source] of Object.entries(SOURCES)) {
    it(`${filePath}: every output parses and adds no statement`, () => {
      const before = statements(filePath, source);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), message), { minLength: 1, maxLength: 4 }), (findings) => {
          const module = reporting(
            findings.map(([pick]) => pick),
            findings.map(([, text]) => text),
          );
          const engine = new Engine('all', readTransformOptions({ todoComments: true }), [module]);
          const result = engine.process({ id: 1, filePath, source, guess: FACTS });
          expect(result.error).toBeNull();
          expect(result.transform?.error ?? null).toBeNull();
          const output = result.transform?.output ?? source;
          expect(units(filePath, output)).toHaveLength(units(filePath, source).length);
          expect(statements(filePath, output)).toEqual(before);
        }),
        { numRuns: 150 },
      );
    }, 120_000);
  }
});
