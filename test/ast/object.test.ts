import jscodeshift, { type ASTNode } from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { EditList } from '../../src/ast/edits';
import { insertProperty, layOutGrownObjects, setStringProperty } from '../../src/ast/object';
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

describe('new members follow the object layout, and long lines break one member per line', () => {
  const j = jscodeshift.withParser('babel');
  const parse = (text: string) => parseSource(j, 'babel', text);

  /**
   * Inserts `key: value` into the object at `objectIndex`, then lays the result out, both ways:
   * from the tree before the edits (as the runner does) and from a parse of the result.
   */
  function grow(source: string, entries: [number, string, string][]): string {
    const root = parse(source);
    const objects = root.find(j.ObjectExpression).nodes() as unknown as ASTNode[];
    const edits = new EditList();
    for (const [index, key, value] of entries) insertProperty(edits, source, objects[index], key, value);
    const applied = edits.applyTracking(source);
    const mapped = layOutGrownObjects({ parse, text: applied.text, members: applied.members, before: { root, edits } });
    expect(layOutGrownObjects({ parse, text: applied.text, members: applied.members }), 'with a parse of the result').toBe(mapped);
    return mapped;
  }

  it('takes apart an object added whole inside a new member when its line is too long', () => {
    const source = "x({ domain: 'acme.auth0.com', clientID: 'abc123' });\n";
    const value = `{ audience: 'https://acme.auth0.com/api/v2/', params: { scope: '${'s'.repeat(60)}' } }`;
    expect(grow(source, [[0, 'auth', value]])).toBe(
      [
        'x({',
        "  domain: 'acme.auth0.com',",
        "  clientID: 'abc123',",
        '  auth: {',
        "    audience: 'https://acme.auth0.com/api/v2/',",
        `    params: { scope: '${'s'.repeat(60)}' }`,
        '  }',
        '});',
        '',
      ].join('\n'),
    );
  });

  it('keeps a one-line object on one line while it fits in 100 columns', () => {
    expect(grow("x({ a: 1 });\n", [[0, 'b', "'two'"]])).toBe("x({ a: 1, b: 'two' });\n");
  });

  it('breaks a one-line object that grows past 100 columns, one member per line at the line\'s indentation', () => {
    const source = "  call({ domain: 'acme.auth0.com', clientID: 'abc123', responseType: 'id_token' }, done);\n";
    expect(grow(source, [[0, 'audience', "'https://acme.auth0.com/api/v2/'"]])).toBe(
      "  call({\n    domain: 'acme.auth0.com',\n    clientID: 'abc123',\n    responseType: 'id_token',\n    audience: 'https://acme.auth0.com/api/v2/'\n  }, done);\n",
    );
  });

  it('leaves a one-line object that was already long alone when it gained nothing', () => {
    const long = `x({ ${Array.from({ length: 12 }, (_, i) => `key${i}: 'value ${i}'`).join(', ')} });\n`;
    const edits = new EditList();
    const applied = edits.applyTracking(long);
    expect(layOutGrownObjects({ parse, text: applied.text, members: applied.members })).toBe(long);
  });

  it('adds members one per line to a multi-line object, whatever the line length', () => {
    const source = "x({\n    domain: 'acme.auth0.com',\n    clientID: 'abc123',\n});\n";
    expect(grow(source, [[0, 'audience', `'${'a'.repeat(120)}'`]])).toBe(
      `x({\n    domain: 'acme.auth0.com',\n    clientID: 'abc123',\n    audience: '${'a'.repeat(120)}',\n});\n`,
    );
  });

  it('breaks nested one-line objects from the outside in, and only as far as needed', () => {
    const source = "new Lock(id, domain, { theme: { color: 'red' }, auth: { redirectUrl: location.origin, responseType: 'token' } });\n";
    const grown = grow(source, [[2, 'audience', "'https://acme.auth0.com/api/v2/'"]]);
    expect(grown).toBe(
      [
        'new Lock(id, domain, {',
        "  theme: { color: 'red' },",
        '  auth: {',
        '    redirectUrl: location.origin,',
        "    responseType: 'token',",
        "    audience: 'https://acme.auth0.com/api/v2/'",
        '  }',
        '});',
        '',
      ].join('\n'),
    );
  });

  it('follows the file: CRLF, tabs and trailing commas', () => {
    const source =
      "const other = {\r\n\ta: 1,\r\n};\r\ncall({ domain: 'acme.auth0.com', clientID: 'abc123', responseType: 'id_token', x: 1 });\r\n";
    expect(grow(source, [[1, 'audience', "'https://acme.auth0.com/api/v2/'"]])).toBe(
      "const other = {\r\n\ta: 1,\r\n};\r\ncall({\r\n\tdomain: 'acme.auth0.com',\r\n\tclientID: 'abc123',\r\n\tresponseType: 'id_token',\r\n\tx: 1,\r\n\taudience: 'https://acme.auth0.com/api/v2/',\r\n});\r\n",
    );
  });

  it('leaves an object with comments between its members as it is', () => {
    const source = "call({ domain: 'acme.auth0.com', /* the app */ clientID: 'abc123', responseType: 'id_token' });\n";
    const grown = grow(source, [[0, 'audience', "'https://acme.auth0.com/api/v2/'"]]);
    expect(grown.split('\n')).toHaveLength(2);
  });
});
