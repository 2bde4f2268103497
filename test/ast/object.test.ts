import jscodeshift, { type ASTNode } from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { EditList } from '../../src/ast/edits';
import { insertProperty, setStringProperty } from '../../src/ast/object';
import { type ParserName, parseSource } from '../../src/ast/parse';

function firstObject(source: string, parser = 'babel'): ASTNode {
  const j = jscodeshift.withParser(parser);
  return parseSource(j, parser as ParserName, source).find(j.ObjectExpression).get().node as ASTNode;
}

function insert(source: string, key: string, value: string, placement = {}, parser = 'babel'): string {
  const edits = new EditList();
  insertProperty(edits, source, firstObject(source, parser), key, value, placement);
  return edits.applyTo(source);
}

describe('insertProperty follows the object layout', () => {
  it('one per line, no trailing comma', () => {
    expect(insert("x({\n  a: 1,\n  b: 2\n});\n", 'c', "'3'")).toBe("x({\n  a: 1,\n  b: 2,\n  c: '3'\n});\n");
  });
  it('one per line, trailing comma', () => {
    expect(insert('x({\n    a: 1,\n    b: 2,\n});\n', 'c', '3')).toBe('x({\n    a: 1,\n    b: 2,\n    c: 3,\n});\n');
  });
  it('inline', () => {
    expect(insert('x({ a: 1, b: 2 });', 'c', '3')).toBe('x({ a: 1, b: 2, c: 3 });');
  });
  it('before a named sibling, multi-line and inline', () => {
    expect(insert("x({\n  a: 1,\n  scope: 's'\n});", 'audience', "'u'", { before: ['scope'] })).toBe(
      "x({\n  a: 1,\n  audience: 'u',\n  scope: 's'\n});",
    );
    expect(insert("x({ a: 1, scope: 's' });", 'audience', "'u'", { before: ['scope'] })).toBe("x({ a: 1, audience: 'u', scope: 's' });");
  });
  it('after a named sibling that is followed by a comma', () => {
    expect(insert('x({\n  a: 1,\n  b: 2\n});', 'c', '3', { after: ['a'] })).toBe('x({\n  a: 1,\n  c: 3,\n  b: 2\n});');
  });
  it('CRLF and tabs', () => {
    expect(insert('x({\r\n\ta: 1\r\n});\r\n', 'c', '3')).toBe('x({\r\n\ta: 1,\r\n\tc: 3\r\n});\r\n');
  });
  it('empty objects', () => {
    expect(insert('x({});', 'c', '3')).toBe('x({ c: 3 });');
  });
  it('quoted keys stay quoted', () => {
    expect(insert('x({ "a": 1 });', 'c', '3')).toBe('x({ "a": 1, "c": 3 });');
  });
  it('does nothing when the key exists', () => {
    expect(insert('x({ c: 1 });', 'c', '3')).toBe('x({ c: 1 });');
  });
  it('works with the ts parser', () => {
    expect(insert("x({ a: 1 as number });", 'c', '3', {}, 'ts')).toBe('x({ a: 1 as number, c: 3 });');
  });
});

describe('setStringProperty', () => {
  it('keeps the literal quote and uses the object quote for new values', () => {
    const source = 'x({ a: "1", b: \'2\' });';
    const edits = new EditList();
    setStringProperty(edits, source, firstObject(source), 'a', 'one');
    setStringProperty(edits, source, firstObject(source), 'c', 'three');
    expect(edits.applyTo(source)).toBe('x({ a: "one", b: \'2\', c: "three" });');
  });
});

describe('insertProperty keeps compact code compact', () => {
  it('no space after colons or commas', () => {
    expect(insert("x({domain:'a',clientID:'b'});", 'audience', "'u'")).toBe("x({domain:'a',clientID:'b',audience:'u'});");
    expect(insert("x({domain:'a',scope:'s'});", 'audience', "'u'", { before: ['scope'] })).toBe("x({domain:'a',audience:'u',scope:'s'});");
  });
  it('keeps the usual spacing otherwise', () => {
    expect(insert("x({ domain : 'a', clientID : 'b' });", 'audience', "'u'")).toBe("x({ domain : 'a', clientID : 'b', audience : 'u' });");
  });
});
