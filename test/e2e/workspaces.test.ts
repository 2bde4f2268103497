import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeRepo, readTree, removeTempDirs } from '../cli/helpers';
import { cli, ensureBuilt, jsonReport, modifiedFiles, read } from './helpers';

/**
 * End-to-end: which files form a package (workspace declarations, else the nearest folder with
 * package.json, bower.json or index.html), `--package` selection, and library versions read
 * from CDN script tags, on the built CLI.
 */

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

/** A login that stores the ID token, and (when `manages`) a Management API call that reads it. */
function browserApp(clientId: string, manages: boolean): Record<string, string> {
  const login = [
    '/* global auth0, localStorage */',
    'var webAuth = new auth0.WebAuth({',
    "  domain: 'acme.auth0.com',",
    `  clientID: '${clientId}',`,
    "  redirectUri: window.location.origin + '/callback.html',",
    "  responseType: 'id_token',",
    "  scope: 'openid profile'",
    '});',
    '',
    'function handleCallback() {',
    '  webAuth.parseHash(function (err, authResult) {',
    '    if (authResult) {',
    "      localStorage.setItem('id_token', authResult.idToken);",
    '    }',
    '  });',
    '}',
    '',
  ].join('\n');
  const profile = [
    '/* global auth0, localStorage */',
    'function loadProfile(userId, done) {',
    "  var management = new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') });",
    '  management.getUser(userId, done);',
    '}',
    '',
  ].join('\n');
  return { 'js/login.js': login, ...(manages ? { 'js/profile.js': profile } : {}) };
}

function under(folder: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([rel, text]) => [`${folder}/${rel}`, text]));
}

const PAGE = '<!DOCTYPE html>\n<html><body><script src="js/login.js"></script></body></html>\n';

describe('package boundaries without a workspace declaration', () => {
  it('keeps two sibling apps without package.json apart: only the one that calls the Management API changes', () => {
    const repo = makeRepo({
      ...under('01-profile', { 'index.html': PAGE, ...browserApp('profile-client', true) }),
      ...under('02-login', { 'index.html': PAGE, ...browserApp('login-client', false) }),
    });
    const before = readTree(repo);
    const dry = cli(repo, '--dry', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    const report = jsonReport(dry);
    expect(report.packages.map((p) => [p.path, p.scopes])).toEqual([
      ['01-profile', ['read:current_user']],
      ['02-login', []],
    ]);

    const write = cli(repo, '.');
    expect(write.code, write.stderr).toBe(0);
    const after = readTree(repo);
    // The login-only app is left byte for byte: no audience, no scopes, no access-token twin
    // stored beside its ID token (the storage facts of the other app do not reach it).
    for (const rel of Object.keys(before).filter((p) => p.startsWith('02-login/'))) expect(after[rel], rel).toBe(before[rel]);
    expect(after['01-profile/js/login.js']).toContain("audience: 'https://acme.auth0.com/api/v2/'");
    expect(after['01-profile/js/login.js']).toContain("localStorage.setItem('access_token', authResult.accessToken);");
    expect(after['01-profile/js/profile.js']).toContain("token: localStorage.getItem('access_token')");
  });

  it('knows a Lock 11 app loaded from the CDN as Lock 11: no Lock 10 oidcConformant flag', () => {
    const app = (lockTag: string): Record<string, string> => ({
      'app/index.html': `<!DOCTYPE html>\n<html><body>\n${lockTag}\n<script src="https://cdn.auth0.com/js/auth0/9.5.1/auth0.min.js"></script>\n<script src="app.js"></script>\n</body></html>\n`,
      'app/app.js': [
        '/* global Auth0Lock, auth0, localStorage */',
        "var lock = new Auth0Lock('client-id', 'acme.auth0.com', {",
        "  auth: { responseType: 'id_token', params: { scope: 'openid' } }",
        '});',
        "lock.on('authenticated', function (authResult) {",
        "  localStorage.setItem('id_token', authResult.idToken);",
        '});',
        'function loadProfile(userId, cb) {',
        "  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, cb);",
        '}',
        '',
      ].join('\n'),
    });
    const lock11 = makeRepo(app('<script src="https://cdn.auth0.com/js/lock/11.3.0/lock.min.js"></script>'));
    expect(cli(lock11, '.').code).toBe(0);
    expect(read(lock11, 'app/app.js')).toMatch(/auth: \{\s+audience: 'https:\/\/acme\.auth0\.com\/api\/v2\/',\s+responseType: 'token id_token'/);
    expect(read(lock11, 'app/app.js')).not.toContain('oidcConformant');

    // The same app with Lock 10 from the CDN needs the flag to accept an audience.
    const lock10 = makeRepo(app('<script src="https://cdn.auth0.com/js/lock/10.24.1/lock.min.js"></script>'));
    expect(cli(lock10, '.').code).toBe(0);
    expect(read(lock10, 'app/app.js')).toContain('oidcConformant: true');
  });
});

describe('workspaces and --package', () => {
  const workspaceApps = {
    ...under('apps/web', { 'package.json': '{ "name": "@acme/web", "private": true }\n', 'public/index.html': PAGE, ...browserApp('web-client', true) }),
    ...under('apps/admin', { 'package.json': '{ "name": "@acme/admin", "private": true }\n', ...browserApp('admin-client', true) }),
    ...under('apps/site', { 'package.json': '{ "name": "@acme/site", "private": true }\n', ...browserApp('site-client', false) }),
  };

  it('pnpm: packages come from pnpm-workspace.yaml, and --package migrates only the named ones', () => {
    const repo = makeRepo({
      'package.json': '{ "name": "acme", "private": true }\n',
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n",
      ...workspaceApps,
    });
    const all = jsonReport(cli(repo, '--dry', '--json'));
    // apps/web/public/index.html does not make public/ a package of its own: the workspace package holds it.
    expect(all.packages.map((p) => [p.path, p.name, p.scopes])).toEqual([
      ['apps/admin', '@acme/admin', ['read:current_user']],
      ['apps/site', '@acme/site', []],
      ['apps/web', '@acme/web', ['read:current_user']],
    ]);

    const before = readTree(repo);
    const write = cli(repo, '.', '--package', '@acme/web', '--package', '@acme/site');
    expect(write.code, write.stderr).toBe(0);
    const after = readTree(repo);
    const changed = Object.keys(after).filter((rel) => after[rel] !== before[rel]).sort();
    expect(changed).toEqual(['apps/web/js/login.js', 'apps/web/js/profile.js']);
  });

  it('npm: packages come from package.json workspaces; one transform on one package by name', () => {
    const repo = makeRepo({
      'package.json': '{ "name": "acme", "private": true, "workspaces": ["apps/*"] }\n',
      'package-lock.json': '{ "name": "acme", "lockfileVersion": 3, "requires": true, "packages": {} }\n',
      ...workspaceApps,
    });
    const before = readTree(repo);
    // The token may switch only once its login asks for it: webauth-config goes first.
    const early = jsonReport(cli(repo, 'management-token', '--package', '@acme/admin', '--json', '--dry'));
    expect(early.files.filter((f) => f.status === 'changed')).toEqual([]);
    expect(early.files.flatMap((f) => f.findings.map((x) => x.cause))).toContain('login-not-in-run');

    const login = cli(repo, 'webauth-config', '.', '--package', '@acme/admin', '--json');
    expect(login.code, login.stderr).toBe(0);
    expect(jsonReport(login).files.filter((f) => f.status === 'changed').map((f) => f.path)).toEqual(['apps/admin/js/login.js']);
    git(repo, 'commit', '-qam', 'login asks for the Management API');

    const run = cli(repo, 'management-token', '--package', '@acme/admin', '--json', '--dry');
    expect(run.code, run.stderr).toBe(0);
    const report = jsonReport(run);
    expect(report.packages.map((p) => p.name)).toEqual(['@acme/admin']);
    expect(report.files.filter((f) => f.status === 'changed').map((f) => [f.path, f.transforms])).toEqual([
      ['apps/admin/js/login.js', ['management-token']],
      ['apps/admin/js/profile.js', ['management-token']],
    ]);
    // Scopes are still those of the whole package, and nothing was written with --dry.
    expect(report.packages[0].scopes).toEqual(['read:current_user']);
    expect(readTree(repo)).not.toEqual(before);
    expect(modifiedFiles(repo)).toEqual([]);
  });

  it('refuses a package name no package has, naming the packages there are', () => {
    const repo = makeRepo({ 'package.json': '{ "name": "acme", "private": true, "workspaces": ["apps/*"] }\n', ...workspaceApps });
    const run = cli(repo, '--check', '--package', '@acme/wbe');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--package @acme/wbe: no such package; packages here: @acme/admin, @acme/site, @acme/web');
  });
});
