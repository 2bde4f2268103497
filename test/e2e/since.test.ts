import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeRepo, makeTempDir, readTree, removeTempDirs, writeTree } from '../cli/helpers';
import { cli, ensureBuilt, jsonReport, read } from './helpers';

/**
 * End-to-end: `--since REF` on a git repository with two commits: only the files changed since
 * REF (and untracked ones) are reported and written, while the package facts (scopes, stored
 * token keys) still come from every file of the package.
 */

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

const LEGACY_LOGIN = [
  '/* global auth0, localStorage, window */',
  'export const webAuth = new auth0.WebAuth({',
  "  domain: 'acme.auth0.com',",
  "  clientID: 'CLIENT',",
  "  redirectUri: window.location.origin + '/callback',",
  "  scope: 'openid profile',",
  "  responseType: 'id_token'",
  '});',
  '',
  'export function handleCallback() {',
  '  webAuth.parseHash(function (err, authResult) {',
  '    if (authResult) {',
  "      localStorage.setItem('id_token', authResult.idToken);",
  '    }',
  '  });',
  '}',
  '',
].join('\n');

/** Management API calls that already send the stored access token: nothing to change here. */
const MIGRATED_PROFILE = [
  '/* global auth0, localStorage */',
  'function client() {',
  "  return new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('access_token') });",
  '}',
  'export function fetchUser(userId, done) {',
  '  client().getUser(userId, done);',
  '}',
  'export function saveTheme(userId, theme, done) {',
  '  client().patchUserMetadata(userId, { theme: theme }, done);',
  '}',
  '',
].join('\n');

const LEGACY_LINK = [
  '/* global auth0, localStorage */',
  'export function linkAccount(userId, secondaryIdToken, done) {',
  "  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).linkUser(userId, secondaryIdToken, done);",
  '}',
  '',
].join('\n');

/**
 * main: two legacy packages. feature (checked out): one commit that edits web's login config
 * (still legacy) and admin's login config, plus an untracked file in web.
 */
function twoCommitRepo(): string {
  const repo = makeRepo({
    'package.json': '{ "name": "acme", "private": true, "workspaces": ["packages/*"] }\n',
    'packages/web/package.json': '{ "name": "@acme/web" }\n',
    'packages/web/src/login.js': LEGACY_LOGIN.replace('CLIENT', 'web'),
    'packages/web/src/profile.js': MIGRATED_PROFILE,
    'packages/admin/package.json': '{ "name": "@acme/admin" }\n',
    'packages/admin/src/login.js': LEGACY_LOGIN.replace('CLIENT', 'admin'),
    'packages/admin/src/link.js': LEGACY_LINK,
  });
  git(repo, 'branch', '-M', 'main');
  git(repo, 'checkout', '-q', '-b', 'feature');
  for (const pkg of ['web', 'admin']) {
    const file = path.join(repo, 'packages', pkg, 'src', 'login.js');
    writeFileSync(file, read(repo, `packages/${pkg}/src/login.js`).replace("'/callback'", "'/auth/callback'"));
  }
  git(repo, 'commit', '-q', '-am', 'feature: new callback path');
  // Untracked: counts as changed.
  writeFileSync(
    path.join(repo, 'packages/web/src/accounts.js'),
    "/* global auth0, localStorage */\nexport function link(userId, secondaryIdToken, done) {\n  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('access_token') }).linkUser(userId, secondaryIdToken, done);\n}\n",
  );
  return repo;
}

describe('--since', () => {
  it('reports only files changed since the ref plus untracked ones; scopes still come from the whole package', () => {
    const repo = twoCommitRepo();
    const result = cli(repo, '--dry', '--json', '--since', 'main');
    expect(result.code, result.stderr).toBe(0);
    const report = jsonReport(result);
    expect(report.files.map((f) => [f.path, f.status])).toEqual([
      ['packages/admin/src/login.js', 'changed'],
      ['packages/web/src/accounts.js', 'unchanged'],
      ['packages/web/src/login.js', 'changed'],
    ]);
    // web's scopes include profile.js's calls, a file --since leaves out of the report.
    expect(report.packages.find((p) => p.name === '@acme/web')?.scopes).toEqual([
      'read:current_user',
      'update:current_user_identities',
      'update:current_user_metadata',
    ]);
    expect(report.totals.candidates).toBe(3);

    // Without untracked or changed files in a package, the package is not reported at all.
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'accounts');
    const sinceHead = jsonReport(cli(repo, '--dry', '--json', '--since', 'HEAD~1'));
    expect(sinceHead.files.map((f) => f.path)).toEqual(['packages/web/src/accounts.js']);
  });

  it('writes the changed files of a package whose migration stays inside them, and no other file', () => {
    const repo = twoCommitRepo();
    const before = readTree(repo);
    const write = cli(repo, '.', '--since', 'main');
    expect(write.code, write.stderr).toBe(0);
    const after = readTree(repo);
    const changed = Object.keys(after).filter((rel) => after[rel] !== before[rel]).sort();
    expect(changed).toEqual(['packages/web/src/login.js']);
    const login = after['packages/web/src/login.js'];
    expect(login).toContain("scope: 'openid profile read:current_user update:current_user_identities update:current_user_metadata'");
    expect(login).toContain("localStorage.setItem('access_token', authResult.accessToken);");
    // admin's migration also changes link.js, unchanged since main: writing login.js alone would
    // cut the flow in two, so admin is left whole and the summary says why.
    expect(write.stderr).toContain('Not written: the migration of these packages also changes files that --since leaves out');
    expect(write.stderr).toContain('packages/admin: also changes packages/admin/src/link.js');
  });

  it('--check --since: the CI gate looks only at what the branch changed', () => {
    const repo = twoCommitRepo();
    const pending = cli(repo, '--check', '--since', 'main');
    expect(pending.code).toBe(1);
    expect(pending.stderr).toContain('would change  packages/web/src/login.js');
    // A branch that touched only migrated code passes the gate, although src/link.js, which the
    // branch never touched, is still legacy (the full --check still fails on it).
    const migrated = makeRepo({ 'package.json': '{ "name": "x" }\n', 'src/profile.js': MIGRATED_PROFILE, 'src/link.js': LEGACY_LINK });
    git(migrated, 'branch', '-M', 'main');
    git(migrated, 'checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(migrated, 'src/profile.js'), MIGRATED_PROFILE.replace('theme', 'colour'));
    git(migrated, 'commit', '-q', '-am', 'rename');
    expect(cli(migrated, '--check').code).toBe(1);
    const gate = cli(migrated, '--check', '--since', 'main');
    expect(gate.code, gate.stderr).toBe(0);
  });

  it('rejects a revision git does not know, and a folder outside git', () => {
    const repo = twoCommitRepo();
    const unknown = cli(repo, '--check', '--since', 'no-such-branch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--since no-such-branch: no such commit');
    const plain = makeTempDir();
    writeTree(plain, { 'src/profile.js': MIGRATED_PROFILE });
    const outside = cli(plain, '--check', '--since', 'main');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('--since needs a git work tree');
  });
});
