import { describe, expect, it } from 'vitest';
import { textGate } from '../../src/ast/text-gate';
import { transformModule as authorizeUrl } from '../../transforms/authorize-url';
import { transformModule as webauthConfig } from '../../transforms/webauth-config';
import { runOnSource } from '../helpers/fixtures';

describe('textGate', () => {
  const gate = textGate(['response_type']);

  it('passes the plain word', () => {
    expect(gate.test("const q = { response_type: 'id_token' };")).toBe(true);
  });

  it('turns away a text that cannot spell it', () => {
    expect(gate.test("const q = { responseType: 'id_token' };")).toBe(false);
    expect(gate.test("const q = 'response-type\\n';")).toBe(false);
  });

  it('passes words spelled with escapes, line continuations or JSX entities', () => {
    expect(gate.test("({ 'response\\u005ftype': 'id_token' })")).toBe(true);
    expect(gate.test("({ 'response\\x5ftype': 'id_token' })")).toBe(true);
    expect(gate.test("({ 'response\\u{5f}type': 'id_token' })")).toBe(true);
    expect(gate.test("({ 'response\\_type': 'id_token' })")).toBe(true);
    expect(gate.test("({ 'response_\\\ntype': 'id_token' })")).toBe(true);
    expect(gate.test('<a href="/authorize?response&#95;type=id_token">x</a>')).toBe(true);
  });

  it('ignores case when asked', () => {
    const names = textGate(['webauth'], { ignoreCase: true });
    expect(names.test('new auth0.WebAuth({})')).toBe(true);
    expect(names.test('const webAuth = make();')).toBe(true);
    expect(names.test('new auth0.Web\\u0041uth({})')).toBe(true);
    expect(names.test('new auth0.Management({})')).toBe(false);
  });
});

describe('transforms behind a text gate', () => {
  const facts = { scopes: 'read:current_user' };

  it('authorize-url still reads a response_type key written with an escape', () => {
    const source = "import qs from 'qs';\nexport const q = qs.stringify({ client_id: 'c', 'response\\u005ftype': 'id_token', scope: 'openid' });\n";
    const result = runOnSource([authorizeUrl], 'src/login.js', source, { ...facts, audience: 'https://acme.auth0.com/api/v2/' });
    expect(result.output).toContain("'token id_token'");
  });

  it('webauth-config still reads a WebAuth written with an escape', () => {
    const source = "export const w = new auth0.Web\\u0041uth({ domain: 'acme.auth0.com', clientID: 'c', responseType: 'id_token' });\n";
    const result = runOnSource([webauthConfig], 'src/auth.js', source, facts);
    expect(result.output).toContain("responseType: 'token id_token'");
  });
});
