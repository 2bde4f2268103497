import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import jscodeshift, { type ASTNode, type ASTPath, type Collection, type JSCodeshift } from 'jscodeshift';
import type { Type } from 'ast-types/lib/types';
import { describe, expect, it } from 'vitest';
import { nodesOf, perTree, treeSlot } from '../../src/ast/node-index';
import { parseSource } from '../../src/ast/parse';
import { extractScriptBlocks } from '../../src/runner/containers';
import { parserForPath, parserForScriptLang } from '../../src/runner/parser';
import { FIXTURE_ROOT } from '../helpers/fixtures';

/**
 * The index must answer exactly as `root.find` does: the same path objects (so `path.scope`,
 * `path.parent` and identity comparisons keep working), in the same order, for every kind of
 * query the analyses make, whichever of the two asks first.
 */

const QUERIES = [
  'Node',
  'CallExpression',
  'NewExpression',
  'MemberExpression',
  'Identifier',
  'VariableDeclarator',
  'AssignmentExpression',
  'ImportDeclaration',
  'Function',
  'Expression',
  'Statement',
  'JSXElement',
  'TSInterfaceDeclaration',
] as const;

function inputFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return inputFiles(full);
    return /\.input\.[a-z]+$/.test(name) ? [full] : [];
  });
}

interface Unit {
  name: string;
  j: JSCodeshift;
  text: string;
  parse: () => Collection;
}

function units(): Unit[] {
  return inputFiles(FIXTURE_ROOT).flatMap((file): Unit[] => {
    const source = readFileSync(file, 'utf8');
    let blocks;
    try {
      blocks = extractScriptBlocks(file, source);
    } catch {
      return [];
    }
    const pieces = blocks === null ? [{ text: source, parser: parserForPath(file, source) }] : blocks.map((b) => ({ text: b.content, parser: parserForScriptLang(b.lang, b.content) }));
    return pieces.flatMap(({ text, parser }, i) => {
      const j = jscodeshift.withParser(parser);
      try {
        parseSource(j, parser, text);
      } catch {
        return [];
      }
      return [{ name: `${file.slice(FIXTURE_ROOT.length + 1)}#${i}`, j, text, parse: () => parseSource(j, parser, text) }];
    });
  });
}

function typeNamed(j: JSCodeshift, name: string): Type<ASTNode> {
  return (j as unknown as Record<string, Type<ASTNode>>)[name];
}

describe('nodesOf', () => {
  const all = units();

  it('reads a good number of fixture files', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it('returns what root.find returns, index first', () => {
    for (const unit of all) {
      const root = unit.parse();
      for (const name of QUERIES) {
        const type = typeNamed(unit.j, name);
        const ours = nodesOf(unit.j, root, type);
        const theirs = root.find(type).paths();
        expect(ours.length, `${unit.name} ${name}`).toBe(theirs.length);
        ours.forEach((path, i) => expect(path === theirs[i], `${unit.name} ${name} #${i}`).toBe(true));
      }
    }
  });

  it('returns what root.find returns, find first', () => {
    for (const unit of all) {
      const root = unit.parse();
      const theirs = QUERIES.map((name) => root.find(typeNamed(unit.j, name)).paths());
      QUERIES.forEach((name, q) => {
        const ours = nodesOf(unit.j, root, typeNamed(unit.j, name));
        expect(ours.length, `${unit.name} ${name}`).toBe(theirs[q].length);
        ours.forEach((path, i) => expect(path === theirs[q][i], `${unit.name} ${name} #${i}`).toBe(true));
      });
    }
  });

  it('applies find-style filters', () => {
    for (const unit of all) {
      const root = unit.parse();
      const j = unit.j;
      const pairs: [readonly ASTPath[], readonly ASTPath[]][] = [
        [nodesOf(j, root, j.AssignmentExpression, { operator: '=' }), root.find(j.AssignmentExpression, { operator: '=' }).paths()],
        [
          nodesOf(j, root, j.CallExpression, { callee: { type: 'Identifier', name: 'require' } }),
          root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'require' } }).paths(),
        ],
        [nodesOf(j, root, j.Identifier, { name: (n: unknown) => n === 'auth0' }), root.find(j.Identifier, { name: (n: unknown) => n === 'auth0' }).paths()],
        // A predicate on the node itself.
        [
          nodesOf(j, root, j.Node, (node) => (node as { type: string }).type.endsWith('Literal')) as readonly ASTPath[],
          root.find(j.Node).filter((p) => (p.node as { type: string }).type.endsWith('Literal')).paths() as readonly ASTPath[],
        ],
      ];
      for (const [ours, theirs] of pairs) {
        expect(ours.length, unit.name).toBe(theirs.length);
        ours.forEach((path, i) => expect(path === theirs[i], `${unit.name} #${i}`).toBe(true));
      }
    }
  });

  it('gives each parse of a text its own paths', () => {
    const j = jscodeshift.withParser('babel');
    const text = 'const a = f(1);';
    const first = nodesOf(j, parseSource(j, 'babel', text), j.CallExpression);
    const second = nodesOf(j, parseSource(j, 'babel', text), j.CallExpression);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first[0] === second[0]).toBe(false);
  });
});

describe('perTree', () => {
  it('computes once per tree', () => {
    const j = jscodeshift.withParser('babel');
    const slot = treeSlot<number>('test');
    let calls = 0;
    const root = parseSource(j, 'babel', 'x;');
    expect(perTree(root, slot, () => ++calls)).toBe(1);
    expect(perTree(root, slot, () => ++calls)).toBe(1);
    expect(perTree(parseSource(j, 'babel', 'x;'), slot, () => ++calls)).toBe(2);
  });
});
