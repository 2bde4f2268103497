import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { type HttpTokenRequest, type TokenRequestSite, findAuth0Hosts, findTokenRequests } from '../../src/analysis/token-requests';
import { EditList } from '../../src/ast/edits';
import { parseSource } from '../../src/ast/parse';
import { declaredObjectType, insertOptionalMember } from '../../src/ast/type-members';

function sites(source: string, parser: 'babel' | 'ts' = 'babel'): TokenRequestSite[] {
  const j = jscodeshift.withParser(parser);
  return findTokenRequests(j, parseSource(j, parser, source), source);
}

function http(source: string): HttpTokenRequest {
  const found = sites(source).filter((s): s is HttpTokenRequest => s.kind === 'http');
  expect(found).toHaveLength(1);
  return found[0];
}

describe('findTokenRequests: origins', () => {
  it('reads literal, expression, relative and nested origins', () => {
    expect(http("fetch('https://acme.auth0.com/oauth/token', { body: b })").origin).toEqual({ kind: 'literal', host: 'acme.auth0.com' });
    // Plain ES5 gets a concatenation; a file that already uses ES2015 syntax, a template literal.
    expect(http("fetch('https://' + D + '/oauth/token?x=1', { body: b })").origin).toEqual({ kind: 'expression', template: "'https://' + D + '/api/v2/'" });
    expect(http("const f = () => fetch('https://' + D + '/oauth/token?x=1', { body: b })").origin).toEqual({ kind: 'expression', template: '`https://${D}/api/v2/`' });
    expect(http("fetch('/oauth/token', { body: b })").origin).toEqual({ kind: 'relative' });
    expect(http("fetch('https://api.example.com/auth/oauth/token', { body: b })").origin).toEqual({ kind: 'elsewhere' });
  });

  it('follows a whole-URL constant and keeps a host constant as a value with its text', () => {
    const viaUrl = http("const URL = `https://${HOST}/oauth/token`;\nfetch(URL, { body: b });");
    expect(viaUrl.origin).toEqual({ kind: 'expression', template: '`https://${HOST}/api/v2/`' });
    const viaHost = http("const HOST = 'login.acme.com';\nfetch(`https://${HOST}/oauth/token`, { body: b });");
    expect(viaHost.origin).toEqual({ kind: 'expression', template: '`https://${HOST}/api/v2/`', host: 'login.acme.com' });
  });

  it('gives no template when a value of the URL is not in scope at the call', () => {
    const source = "const URL = 'https://' + window.host + '/oauth/token';\nfunction f(window) { fetch(URL, { body: b }); }";
    expect(http(source).origin).toEqual({ kind: 'expression', template: undefined });
  });

  it('joins an axios instance’s baseURL with a relative path', () => {
    const source = "const api = axios.create({ baseURL: `https://${tenant}.eu.auth0.com/` });\napi.post('/oauth/token', { grant_type: 'password' });";
    expect(http(source).origin).toEqual({ kind: 'expression', template: '`https://${tenant}.eu.auth0.com/api/v2/`' });
  });
});

describe('findTokenRequests: bodies', () => {
  it('does not confuse a parameter with an outer local of the same name', () => {
    const source = "const body = { grant_type: 'password' };\nfunction send(body) { return fetch('https://a.auth0.com/oauth/token', { body: JSON.stringify(body) }); }";
    expect(http(source).body?.kind).toBe('unreadable');
  });

  it('treats a body changed after it is built as unreadable', () => {
    const source = "const body = { grant_type: 'password' };\nbody.scope = 'openid';\naxios.post('https://a.auth0.com/oauth/token', body);";
    expect(http(source).body?.kind).toBe('unreadable');
  });

  it('reads superagent chains, request options and jQuery settings', () => {
    expect(http("request.post('https://a.auth0.com/oauth/token').set('x', 'y').send({ grant_type: 'password' }).end(cb);").body?.kind).toBe('object');
    expect(http("request.post('https://a.auth0.com/oauth/token', { form: { grant_type: 'password' } }, cb);").body?.kind).toBe('object');
    expect(http("$.ajax('https://a.auth0.com/oauth/token', { type: 'POST', data: 'grant_type=password' });").body?.kind).toBe('form');
    expect(http("rp({ uri: 'https://a.auth0.com/oauth/token', json: true, body: { grant_type: 'password' } });").body?.kind).toBe('object');
  });
});

describe('findTokenRequests: SDK calls and legacy methods', () => {
  it('ties client.login to its WebAuth and ignores WebAuth#login', () => {
    const found = sites(
      "const web = new auth0.WebAuth({ domain: 'a.auth0.com', clientID: 'x' });\nweb.client.login({ realm: 'db' }, cb);\nweb.login({ realm: 'db' }, cb);",
    );
    expect(found.map((s) => s.kind)).toEqual(['sdk']);
    expect(found[0].kind === 'sdk' && found[0].client?.className).toBe('WebAuth');
  });

  it('flags only node-auth0 signIn calls in files that use node-auth0', () => {
    expect(sites('db.database.signIn({});')).toEqual([]);
    expect(sites("const { AuthenticationClient } = require('auth0');\nauth.oauth.signIn({});").map((s) => s.kind)).toEqual(['legacy']);
  });

  it('collects the hosts the file gives to Auth0 clients', () => {
    const j = jscodeshift.withParser('babel');
    const source = "const D = 'login.acme.com';\nnew auth0.WebAuth({ domain: D });\nnew Auth0Lock('id', 'other.acme.com', {});";
    expect([...findAuth0Hosts(j, parseSource(j, 'babel', source))]).toEqual(['login.acme.com', 'other.acme.com']);
  });
});

describe('insertOptionalMember', () => {
  function declare(source: string, placement: { before?: string[]; after?: string[] }): string {
    const j = jscodeshift.withParser('ts');
    const root = parseSource(j, 'ts', source);
    const declarator = root.find(j.VariableDeclarator).get().node;
    const type = declaredObjectType(j, root, declarator.id);
    if (!type) throw new Error('no local type');
    const edits = new EditList();
    insertOptionalMember(edits, source, type, 'audience', 'string', placement);
    return edits.applyTo(source);
  }

  it('follows semicolons, commas, no separators and inline layouts', () => {
    expect(declare('interface B {\n  password: string;\n  scope: string;\n}\nconst b: B = x;', { before: ['scope'] })).toBe(
      'interface B {\n  password: string;\n  audience?: string;\n  scope: string;\n}\nconst b: B = x;',
    );
    expect(declare('type B = {\n  password: string,\n  id: string\n};\nconst b: B = x;', { after: ['id'] })).toBe(
      'type B = {\n  password: string,\n  id: string,\n  audience?: string\n};\nconst b: B = x;',
    );
    expect(declare('interface B {\n  password: string\n  id: string\n}\nconst b: B = x;', { after: ['password'] })).toBe(
      'interface B {\n  password: string\n  audience?: string\n  id: string\n}\nconst b: B = x;',
    );
    expect(declare('const b: { password: string; id: string } = x;', { after: ['password'] })).toBe(
      'const b: { password: string; audience?: string; id: string } = x;',
    );
  });

  it('leaves types it cannot see whole alone', () => {
    const j = jscodeshift.withParser('ts');
    const source = "import { B } from './b';\ninterface C extends B { id: string }\nconst b: B = x;\nconst c: C = y;";
    const root = parseSource(j, 'ts', source);
    const [b, c] = root.find(j.VariableDeclarator).nodes();
    expect(declaredObjectType(j, root, b.id)).toBeUndefined();
    expect(declaredObjectType(j, root, c.id)).toBeUndefined();
  });
});
