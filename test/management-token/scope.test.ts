import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import type { AnyNode } from '../../src/ast/nodes';
import { parseSource } from '../../src/ast/parse';
import { childNodes, ScopeIndex } from '../../src/analysis/scope';

function index(source: string, parser: 'babel' | 'ts' = 'babel'): { scope: ScopeIndex; find: (name: string, nth?: number) => AnyNode } {
  const j = jscodeshift.withParser(parser);
  const root = parseSource(j, parser, source).paths()[0].node as unknown as AnyNode;
  const scope = new ScopeIndex(root);
  const all: AnyNode[] = [];
  const walk = (n: AnyNode): void => {
    all.push(n);
    childNodes(n).forEach(walk);
  };
  walk(root);
  all.sort((a, b) => (a.start as number) - (b.start as number));
  // The nth identifier (or `this`) with that name, in source order.
  const find = (name: string, nth = 0): AnyNode => {
    const hits = all.filter((n) => (n.type === 'Identifier' && n.name === name) || (name === 'this' && n.type === 'ThisExpression'));
    if (!hits[nth]) throw new Error(`no ${name} #${nth}`);
    return hits[nth];
  };
  return { scope, find };
}

describe('ScopeIndex.resolve', () => {
  it('follows block scoping: an inner let shadows, a var hoists to its function', () => {
    const { scope, find } = index(`
      const token = a;
      function f() {
        { let token = b; use(token); }
        use(token);
        if (x) { var hoisted = 1; }
        use(hoisted);
      }
    `);
    const outer = scope.resolve('token', find('token', 0));
    const inner = scope.resolve('token', find('token', 2));
    expect(inner?.kind).toBe('let');
    expect(inner).not.toBe(outer);
    expect(scope.resolve('token', find('token', 3))).toBe(outer);
    expect(scope.resolve('hoisted', find('hoisted', 1))?.kind).toBe('var');
  });

  it('knows parameters, catch clauses, imports and globals', () => {
    const { scope, find } = index(`
      import { getToken } from './session';
      function f(authResult, { idToken }) {
        try { use(authResult, idToken); } catch (err) { use(err); }
        use(localStorage, getToken);
      }
    `);
    expect(scope.resolve('authResult', find('authResult', 1))?.kind).toBe('param');
    expect(scope.resolve('idToken', find('idToken', 1))?.kind).toBe('param');
    expect(scope.resolve('err', find('err', 1))?.kind).toBe('catch');
    expect(scope.resolve('getToken', find('getToken', 1))?.kind).toBe('import');
    expect(scope.resolve('localStorage', find('localStorage'))).toBeNull();
  });

  it('treats TypeScript parameter properties as parameters', () => {
    const { scope, find } = index(`class A { constructor(private auth: Auth) { use(auth); } }`, 'ts');
    expect(scope.resolve('auth', find('auth', 1))?.kind).toBe('param');
  });
});

describe('ScopeIndex.isReassigned', () => {
  it('sees assignments, updates, destructuring targets and re-declared vars', () => {
    const { scope, find } = index(`
      let a = 1; a = 2;
      let b = 1; b++;
      let c = 1; ({ c } = o);
      var d = 1; var d = 2;
      const e = 1;
      let f = 1; function g() { let f = 2; f = 3; }
    `);
    for (const name of ['a', 'b', 'c', 'd']) {
      const binding = scope.resolve(name, find(name));
      expect(binding && scope.isReassigned(binding), name).toBe(true);
    }
    const e = scope.resolve('e', find('e'));
    expect(e && scope.isReassigned(e)).toBe(false);
    const f = scope.resolve('f', find('f'));
    expect(f && scope.isReassigned(f)).toBe(false);
  });
});

describe('ScopeIndex this', () => {
  it('arrow functions share the enclosing this; plain functions do not', () => {
    const { scope, find } = index(`
      class Auth {
        idToken = this.x;
        m() {
          use(this);
          const f = () => this;
          setTimeout(function () { use(this); });
        }
      }
    `);
    const inMethod = find('this', 1);
    const inArrow = find('this', 2);
    const inFunction = find('this', 3);
    expect(scope.thisScopeOf(inArrow)).toBe(scope.thisScopeOf(inMethod));
    expect(scope.thisScopeOf(inFunction)).not.toBe(scope.thisScopeOf(inMethod));
    const cls = scope.thisClassOf(inMethod);
    expect(cls?.type).toBe('ClassDeclaration');
    expect(scope.thisClassOf(find('this', 0))).toBe(cls);
    expect(scope.thisClassOf(inFunction)).toBeUndefined();
  });
});

describe('ScopeIndex.references', () => {
  it('lists the names an expression reads, not property keys or member names', () => {
    const { scope, find } = index(`x = this.authResult && store[key].idToken || { a: b, [c]: d };`);
    const assignment = scope.parentOf(find('x')) as AnyNode;
    const refs = scope.references(assignment.right as AnyNode)?.map((n) => (n.type === 'ThisExpression' ? 'this' : n.name));
    expect(refs).toEqual(['this', 'store', 'key', 'b', 'c', 'd']);
  });

  it('gives up on expressions containing functions', () => {
    const { scope, find } = index(`x = a || (() => b);`);
    const assignment = scope.parentOf(find('x')) as AnyNode;
    expect(scope.references(assignment.right as AnyNode)).toBeNull();
  });
});
