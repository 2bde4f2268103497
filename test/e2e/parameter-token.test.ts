import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, readTree, removeTempDirs } from '../cli/helpers';
import { cli, dryRunFindings, ensureBuilt } from './helpers';

/**
 * End-to-end: a token handed to the Management API through a parameter of the app's own function.
 * In a module, or inside an IIFE, the function is the file's own and its calls are all in sight:
 * they pass the access token instead. At a classic script's top level it is a global of the page,
 * which another script or an inline handler may call with an ID token: left alone, with a finding.
 */

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

const BODY = [
  "var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'cid', responseType: 'token id_token', scope: 'openid', redirectUri: window.location.href });",
  'function loadProfile(idToken, userId) {',
  "  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, function () {});",
  '}',
  'webAuth.parseHash(function (err, authResult) {',
  '  if (authResult) {',
  "    localStorage.setItem('id_token', authResult.idToken);",
  '    loadProfile(authResult.idToken, authResult.idTokenPayload.sub);',
  '  }',
  '});',
];

function app(auth: string): string {
  return makeRepo({ 'package.json': '{ "name": "app", "dependencies": { "auth0-js": "^9.11.0" } }\n', 'src/auth.js': auth });
}

describe('a token passed through a parameter of the app\'s own function', () => {
  it('inside an IIFE: every call passes the access token, and a second run finds nothing to do', () => {
    const repo = app(['(function () {', ...BODY.map((line) => `  ${line}`), '})();', ''].join('\n'));
    expect(cli(repo, '.').code).toBe(0);
    const after = readTree(repo)['src/auth.js'];
    expect(after).toContain('  function loadProfile(accessToken, userId) {');
    expect(after).toContain("token: accessToken })");
    expect(after).toContain('loadProfile(authResult.accessToken, authResult.idTokenPayload.sub);');
    expect(cli(repo, '.', '--check').code).toBe(0);
  });

  it('at the top level of a classic script: left alone, with what to do', () => {
    const repo = app([...BODY, ''].join('\n'));
    const before = readTree(repo);
    const found = dryRunFindings(repo);
    expect(found.map((f) => [f.code, f.file, f.line])).toEqual([['untraceable-token', 'src/auth.js', 3]]);
    expect(found[0].message).toContain('loadProfile(), a global function of the page that other scripts or inline handlers may call too');
    cli(repo, '.');
    expect(readTree(repo)).toEqual(before);
  });
});
