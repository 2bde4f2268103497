import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, readTree, removeTempDirs } from '../cli/helpers';
import { cli, dryRunFindings, ensureBuilt } from './helpers';

/**
 * End-to-end: a login whose options come from another module of the package. The module is read
 * even when it names nothing Auth0 (a custom domain in `auth0-variables.js`), its values decide
 * the flow, and nothing is ever written to it.
 */

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

const AUTH = [
  "import auth0 from 'auth0-js';",
  "import { AUTH_CONFIG } from './auth0-variables';",
  '',
  'const webAuth = new auth0.WebAuth({',
  '  domain: AUTH_CONFIG.domain,',
  '  clientID: AUTH_CONFIG.clientId,',
  '  responseType: AUTH_CONFIG.responseType,',
  "  scope: 'openid profile',",
  '});',
  '',
  'export function handleAuthentication() {',
  '  webAuth.parseHash((err, authResult) => {',
  "    if (authResult) localStorage.setItem('id_token', authResult.idToken);",
  '  });',
  '}',
  '',
  'export function getProfile(userId, cb) {',
  "  new auth0.Management({ domain: AUTH_CONFIG.domain, token: localStorage.getItem('id_token') }).getUser(userId, cb);",
  '}',
  '',
].join('\n');

function variables(domain: string, responseType: string): string {
  return `export const AUTH_CONFIG = {\n  domain: '${domain}',\n  clientId: 'abc123',\n  responseType: '${responseType}',\n};\n`;
}

function app(domain: string, responseType: string): string {
  return makeRepo({
    'package.json': '{ "name": "app", "dependencies": { "auth0-js": "^9.0.0" } }\n',
    'src/auth0-variables.js': variables(domain, responseType),
    'src/auth.js': AUTH,
  });
}

describe('a login config imported from another module', () => {
  it('a custom domain set in the other module blocks the flow, with the place it is set', () => {
    const repo = app('login.acme.com', 'token id_token');
    const before = readTree(repo);
    expect(cli(repo, '.', '--check').code).toBe(1);
    const findings = dryRunFindings(repo);
    expect(findings.map((f) => [f.code, f.file, f.line])).toEqual([['custom-domain', 'src/auth.js', 5]]);
    expect(findings[0].message).toContain("'login.acme.com' (set in src/auth0-variables.js:2:11)");
    cli(repo, '.');
    expect(readTree(repo)).toEqual(before);
  });

  it('an ID-token-only response type there is reported where to change it; the login file is left alone', () => {
    const repo = app('acme.auth0.com', 'id_token');
    const before = readTree(repo);
    const findings = dryRunFindings(repo);
    expect(findings.map((f) => [f.code, f.cause, f.line])).toEqual([['unresolved-config', 'imported-options', 7]]);
    expect(findings[0].message).toContain("responseType is 'id_token' in src/auth0-variables.js:4:17");
    cli(repo, '.');
    expect(readTree(repo)).toEqual(before);
  });

  it('a config module the codemod does not read (naming nothing Auth0) blocks the flow until --audience names the tenant', () => {
    const repo = makeRepo({
      'package.json': '{ "name": "app", "dependencies": { "auth0-js": "^9.0.0" } }\n',
      'src/config.js': variables('login.acme.com', 'token id_token'),
      'src/auth.js': AUTH.replace("'./auth0-variables'", "'./config'").replace('AUTH_CONFIG.responseType', "'token id_token'"),
    });
    const before = readTree(repo);
    const findings = dryRunFindings(repo);
    expect(findings.map((f) => [f.code, f.cause, f.line])).toEqual([['unresolved-config', 'domain-out-of-sight', 5]]);
    expect(findings[0].message).toContain("the domain comes from './config', whose value the codemod did not read");
    cli(repo, '.');
    expect(readTree(repo)).toEqual(before);
    expect(cli(repo, '.', '--audience', 'https://acme.auth0.com/api/v2/').code).toBe(0);
    expect(readTree(repo)['src/auth.js']).toContain("audience: 'https://acme.auth0.com/api/v2/',");
  });

  it('values that already fit migrate the flow in the login file only, and a second run finds nothing to do', () => {
    const repo = app('acme.auth0.com', 'token id_token');
    const result = cli(repo, '.');
    expect(result.code, result.stderr).toBe(0);
    const after = readTree(repo);
    expect(after['src/auth0-variables.js']).toBe(variables('acme.auth0.com', 'token id_token'));
    expect(after['src/auth.js']).toContain('audience: `https://${AUTH_CONFIG.domain}/api/v2/`,');
    expect(after['src/auth.js']).toContain("localStorage.getItem('access_token')");
    expect(cli(repo, '.', '--check').code).toBe(0);
  });
});
