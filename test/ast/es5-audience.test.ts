import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { concatenation } from '../../src/ast/audience';
import { usesModernSyntax } from '../../src/ast/syntax';

const j = jscodeshift.withParser('babylon');
const modern = (source: string): boolean => usesModernSyntax(j, j(source));

describe('usesModernSyntax: a file that may run untranspiled in an ES5 browser', () => {
  it('is false for plain ES5', () => {
    expect(modern("var a = { b: 1, 'c': function () { return this.b; } };\nfunction f(x) { return x + '/api'; }")).toBe(false);
  });

  it('is true for each kind of ES2015+ syntax', () => {
    for (const source of ['const a = 1;', 'let a;', 'var f = () => 1;', 'var s = `x`;', 'class A {}', "import a from 'a';", 'var o = { a };',
      'var o = { [k]: 1 };', 'var o = { m() {} };', 'async function f() {}', 'function* g() {}', 'var [a] = b;', 'f(...a);', 'a?.b;', 'var x = <div />;']) {
      expect(modern(source), source).toBe(true);
    }
  });
});

describe('concatenation: the audience as an ES5 expression', () => {
  it('quotes texts, merges adjacent ones, and parenthesises all but a name chain', () => {
    expect(concatenation([{ text: 'https://' }, { expression: 'config.auth0.domain' }, { text: '/api/v2/' }], "'")).toBe("'https://' + config.auth0.domain + '/api/v2/'");
    expect(concatenation([{ text: 'https://' }, { expression: 'a || b' }, { text: '.eu' }, { text: '.auth0.com/api/v2/' }], '"')).toBe(
      '"https://" + (a || b) + ".eu.auth0.com/api/v2/"',
    );
    expect(concatenation([{ text: "it's" }], "'")).toBe("'it\\'s'");
  });
});
