import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeTempDir, readTree, removeTempDirs, writeTree } from '../cli/helpers';
import { BIN, cli, ensureBuilt, gitApply, jsonReport, PROJECT } from './helpers';

/**
 * End-to-end: the built CLI (`node bin/auth0-mgmt-codemod.js`, what `npm install` users run) on
 * temporary git repositories made from the folders in test/e2e/scenarios/. `npm test` builds
 * first; run alone, this file builds when dist/ is missing.
 */

const SCENARIOS = path.join(__dirname, 'scenarios');

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

/**
 * A committed git repository with a scenario's files. `crlf` lists files whose line endings are
 * turned into CRLF here (so the checked-in scenario stays plain LF whatever git does with it);
 * `extra` adds files.
 */
function scenarioRepo(name: string, options: { crlf?: string[]; extra?: Record<string, string> } = {}): string {
  const dir = makeTempDir(`amc-${name}-`);
  cpSync(path.join(SCENARIOS, name), dir, { recursive: true });
  for (const rel of options.crlf ?? []) {
    const file = path.join(dir, rel);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n'));
  }
  if (options.extra) writeTree(dir, options.extra);
  git(dir, 'init', '-q');
  git(dir, 'config', 'core.autocrlf', 'false');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'scenario');
  return dir;
}

function read(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), 'utf8');
}

function modifiedFiles(dir: string): string[] {
  return git(dir, 'diff', '--name-only').split('\n').filter(Boolean).sort();
}

/** The patch `--dry` prints, applied with plain `git apply` to a fresh copy, equals what a write run writes. */
function expectDryEqualsWrite(name: string, args: string[], options: Parameters<typeof scenarioRepo>[1] = {}): void {
  const dryRepo = scenarioRepo(name, options);
  const dry = cli(dryRepo, ...args, '--dry');
  expect(dry.code).toBe(0);
  expect(dry.stdout).not.toBe('');
  expect(modifiedFiles(dryRepo)).toEqual([]);
  gitApply(dryRepo, dry.stdout);

  const writeRepo = scenarioRepo(name, options);
  // A write run names what it migrates (without a path it would ask, or refuse without a terminal).
  const write = cli(writeRepo, ...(args.length > 0 ? args : ['.']));
  expect(write.code, write.stderr).toBe(0);
  expect(readTree(dryRepo)).toEqual(readTree(writeRepo));
}

describe('command line basics', () => {
  const repo = (): string => scenarioRepo('single-app');

  it('prints help with examples and lists the transforms', () => {
    const help = cli(PROJECT, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    const list = cli(PROJECT, 'list');
    expect(list.code).toBe(0);
    for (const id of ['all', 'webauth-config', 'authorize-url', 'token-request', 'management-token']) expect(list.stdout).toContain(id);
  });

  it('exits 2 with a clear message for an unknown transform, a bad option or a missing path', () => {
    const dir = repo();
    const unknown = cli(dir, 'webauth-confg');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown transform "webauth-confg"');
    expect(unknown.stderr).toContain('Did you mean webauth-config?');
    expect(cli(dir, '--frobnicate').code).toBe(2);
    const missing = cli(dir, 'all', 'nope/');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory: nope/');
    expect(modifiedFiles(dir)).toEqual([]);
  });

  it('runs in worker threads with the same result as in one thread', () => {
    const extra: Record<string, string> = {};
    for (let i = 0; i < 12; i++) {
      extra[`src/views/view${i}.js`] = `/* global auth0 */\nexport const w${i} = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'c', responseType: 'id_token' });\n`;
    }
    const dir = scenarioRepo('single-app', { extra });
    const one = cli(dir, '--dry', '--workers', '1');
    const many = cli(dir, '--dry', '--workers', '3');
    expect(one.code).toBe(0);
    expect(many.code, many.stderr).toBe(0);
    expect(many.stdout).toBe(one.stdout);
    // The first files handed to the threads go out before any package fact is known, so some are
    // transformed again in the second phase, on a worker thread too; the result is the same.
    const report = jsonReport(cli(dir, '--dry', '--json', '--workers', '3'));
    expect(report.totals.reparsed).toBeGreaterThan(0);
    expect(report.files.filter((f) => f.status === 'changed').map((f) => f.patch).join('')).toBe(one.stdout);
  });
});

describe('single app (the migration guide’s example)', () => {
  it('--dry prints the diff, writes nothing, and exits 0', () => {
    const dir = scenarioRepo('single-app');
    const result = cli(dir, '--dry');
    expect(result.code, result.stderr).toBe(0);
    expect(modifiedFiles(dir)).toEqual([]);
    expect(result.stdout).toContain('diff --git a/src/auth.js b/src/auth.js');
    expect(result.stdout).toContain("+  audience: 'https://acme.auth0.com/api/v2/',");
    expect(result.stdout).toContain("-  scope: 'openid',");
    expect(result.stdout).toContain("+  scope: 'openid read:current_user',");
    expect(result.stdout).toContain("+  responseType: 'token id_token'");
    expect(result.stdout).toContain('diff --git a/src/profile.js b/src/profile.js');
    expect(result.stdout).toContain("+    token: localStorage.getItem('access_token')");
    expect(result.stdout).not.toContain('src/format.js');
    expect(result.stderr).toContain('read:current_user');
  });

  it('writes the migration: config, token and the stored access token', () => {
    const dir = scenarioRepo('single-app');
    const result = cli(dir, '.');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(modifiedFiles(dir)).toEqual(['src/auth.js', 'src/profile.js']);
    const auth = read(dir, 'src/auth.js');
    expect(auth).toContain("audience: 'https://acme.auth0.com/api/v2/'");
    expect(auth).toContain("scope: 'openid read:current_user'");
    expect(auth).toContain("responseType: 'token id_token'");
    expect(auth).toContain("localStorage.setItem('access_token', authResult.accessToken)");
    expect(auth).toContain("localStorage.setItem('id_token', authResult.idToken)");
    expect(read(dir, 'src/profile.js')).toContain("token: localStorage.getItem('access_token')");
    expect(result.stderr).toContain('Allow ID Tokens for Management API v2 Authentication');
    expect(result.stderr).toMatch(/\.\s+read:current_user/);
  });

  it('--dry output applied with git apply equals the write run', () => {
    expectDryEqualsWrite('single-app', []);
  });

  it('--check exits 1 while changes are pending and 0 once migrated (a second run changes nothing)', () => {
    const dir = scenarioRepo('single-app');
    const pending = cli(dir, '--check');
    expect(pending.code).toBe(1);
    expect(pending.stdout).toBe('');
    expect(modifiedFiles(dir)).toEqual([]);
    expect(cli(dir, '.').code).toBe(0);
    git(dir, 'commit', '-qam', 'migrated');
    const done = cli(dir, '--check');
    expect(done.code, done.stderr).toBe(0);
    expect(cli(dir, '--dry').stdout).toBe('');
  });

  it('--json reports totals, package scopes, per-file transforms, and patches with --dry', () => {
    const dir = scenarioRepo('single-app');
    const result = cli(dir, '--json', '--dry');
    expect(result.code).toBe(0);
    const report = jsonReport(result);
    expect(report.version).toBe(1);
    // profile.js goes first (it calls the Management API) and reads the stored token keys, which
    // auth.js, parsed after it, adds to: profile.js is transformed once more with the final facts.
    // The browser login now asks for the Management API audience: users will be asked to consent.
    expect(report.totals).toEqual({ scanned: 3, candidates: 2, changed: 2, unchanged: 0, errors: 0, findings: 0, notes: 1, reparsed: 1, skipped: 0 });
    expect(report.packages).toMatchObject([{ path: '.', name: 'single-app', scopes: ['read:current_user'], endpoints: ['GET /api/v2/users/{id}'] }]);
    expect(report.packages[0].flows.map((f) => [f.status, f.scopes, f.sites.map((s) => `${s.file}:${s.role}`)])).toEqual([
      ['migrate', ['read:current_user'], ['src/auth.js:producer', 'src/auth.js:producer', 'src/auth.js:carrier', 'src/profile.js:consumer']],
    ]);
    const auth = report.files.find((f) => f.path === 'src/auth.js');
    expect(auth).toMatchObject({ status: 'changed', transforms: ['webauth-config', 'management-token'], error: null });
    expect(auth?.patch).toContain('+++ b/src/auth.js');
    const profile = report.files.find((f) => f.path === 'src/profile.js');
    expect(profile).toMatchObject({ status: 'changed', transforms: ['management-token'] });
    expect(modifiedFiles(dir)).toEqual([]);
  });

  it('reports paths relative to the repository root, like git diff, when run from a subfolder', () => {
    const dir = scenarioRepo('single-app');
    const result = cli(path.join(dir, 'src'), '--json', '--dry', '.');
    expect(result.code).toBe(0);
    const report = jsonReport(result);
    expect(report.files.map((f) => f.path).sort()).toEqual(['src/auth.js', 'src/profile.js']);
    expect(report.packages[0].path).toBe('.');
    expect(report.files.find((f) => f.path === 'src/auth.js')?.patch).toContain('diff --git a/src/auth.js b/src/auth.js');
  });
});

describe('monorepo', () => {
  it('`webauth-config packages/web` changes only that package, with scopes from all its files', () => {
    const dir = scenarioRepo('monorepo');
    const result = cli(dir, 'webauth-config', 'packages/web');
    expect(result.code, result.stderr).toBe(0);
    expect(modifiedFiles(dir)).toEqual(['packages/web/src/auth.js']);
    const auth = read(dir, 'packages/web/src/auth.js');
    expect(auth).toContain("scope: 'openid profile read:current_user update:current_user_metadata'");
    expect(auth).toContain("audience: 'https://acme.auth0.com/api/v2/'");
    expect(auth).toContain("responseType: 'token id_token'");
  });

  it('gives each package its own scopes and leaves the package without Management calls untouched', () => {
    const dir = scenarioRepo('monorepo');
    const result = cli(dir, '.', '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = jsonReport(result);
    expect(report.packages.map(({ path, name, scopes, endpoints, flows }) => ({ path, name, scopes, endpoints, flows: flows.map((f) => f.status) }))).toEqual([
      { path: 'packages/admin', name: '@acme/admin', scopes: ['update:current_user_identities'], endpoints: ['POST /api/v2/users/{id}/identities'], flows: ['migrate'] },
      { path: 'packages/site', name: '@acme/site', scopes: [], endpoints: [], flows: ['out-of-scope'] },
      {
        path: 'packages/web',
        name: '@acme/web',
        scopes: ['read:current_user', 'update:current_user_metadata'],
        endpoints: ['GET /api/v2/users/{id}', 'PATCH /api/v2/users/{id}'],
        flows: ['migrate'],
      },
    ]);
    expect(modifiedFiles(dir).filter((f) => f.startsWith('packages/site/'))).toEqual([]);
    expect(report.files.find((f) => f.path === 'packages/site/src/login.js')?.status).toBe('unchanged');
    const login = read(dir, 'packages/admin/src/login.js');
    expect(login).toContain("scope: 'openid profile email update:current_user_identities'");
    const link = read(dir, 'packages/admin/src/link.js');
    expect(link).toContain("token: localStorage.getItem('access_token')");
    expect(link).toContain('manage.linkUser(userId, secondaryIdToken, done)');
  });

  it('--dry output applied with git apply equals the write run', () => {
    expectDryEqualsWrite('monorepo', []);
  });
});

describe('safety', () => {
  it('refuses to write over uncommitted changes (exit 2, nothing written) unless --force; --dry is always allowed', () => {
    const dir = scenarioRepo('single-app');
    const edited = `${read(dir, 'src/profile.js')}// work in progress\n`;
    writeFileSync(path.join(dir, 'src/profile.js'), edited);
    const refused = cli(dir, '.');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes');
    expect(refused.stderr).toContain('  src/profile.js');
    expect(modifiedFiles(dir)).toEqual(['src/profile.js']);
    expect(read(dir, 'src/profile.js')).toBe(edited);
    expect(read(dir, 'src/auth.js')).not.toContain('audience');

    expect(cli(dir, '--dry').code).toBe(0);
    const forced = cli(dir, '.', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(read(dir, 'src/profile.js')).toContain("localStorage.getItem('access_token')");
    expect(read(dir, 'src/profile.js')).toContain('// work in progress');
  });

  it('reports a file that does not parse (exit 2, with its position) and migrates the others', () => {
    const dir = scenarioRepo('single-app', { extra: { 'src/broken.js': "/* global auth0 */\nexport const w = new auth0.WebAuth({ domain: 'acme.auth0.com' ;\n" } });
    const result = cli(dir, '.', '--json');
    expect(result.code).toBe(2);
    const report = jsonReport(result);
    expect(report.totals.errors).toBe(1);
    const broken = report.files.find((f) => f.path === 'src/broken.js');
    expect(broken?.status).toBe('error');
    expect(broken?.error).toMatch(/^2:\d+ /);
    expect(result.stderr).toMatch(/src\/broken\.js:2:\d+/);
    expect(modifiedFiles(dir)).toEqual(['src/auth.js', 'src/profile.js']);
    expect(cli(dir, '--check').code).toBe(2);
  });

  it('keeps CRLF line endings, and the --dry patch applies to the CRLF file', () => {
    const dir = scenarioRepo('single-app', { crlf: ['src/auth.js'] });
    const result = cli(dir, '.');
    expect(result.code, result.stderr).toBe(0);
    const auth = read(dir, 'src/auth.js');
    expect(auth).toContain("responseType: 'token id_token'");
    expect(auth.split('\r\n').length).toBe(auth.split('\n').length);
    expectDryEqualsWrite('single-app', [], { crlf: ['src/auth.js'] });
  });

  it('keeps a missing final newline', () => {
    const options = { extra: { 'src/auth.js': readFileSync(path.join(SCENARIOS, 'single-app/src/auth.js'), 'utf8').trimEnd() } };
    const dir = scenarioRepo('single-app', options);
    expect(cli(dir, '.').code).toBe(0);
    expect(read(dir, 'src/auth.js').endsWith('}')).toBe(true);
    expectDryEqualsWrite('single-app', [], options);
  });
});

describe('findings', () => {
  it('reports what it left alone; --check exits 1 while findings are open', () => {
    const dir = scenarioRepo('findings-app');
    const result = cli(dir, '--json', '--dry');
    expect(result.code).toBe(0);
    const report = jsonReport(result);
    const auth = report.files.find((f) => f.path === 'src/auth.js');
    expect(auth?.findings.map((f) => f.code)).toContain('custom-audience');
    const finding = auth?.findings.find((f) => f.code === 'custom-audience');
    expect(finding).toMatchObject({ transform: 'webauth-config', line: 7 });
    expect(read(dir, 'src/auth.js')).toContain("audience: 'https://api.example.com/'");
    expect(cli(dir, '--check').code).toBe(1);
    const text = cli(dir, '--dry');
    expect(text.stderr).toMatch(/custom-audience \(1\)[^\n]*\n\s+src\/auth\.js:7:\d+ /);
  });

  it('--todo-comments leaves a searchable comment, and the ignore comment silences a finding', () => {
    const dir = scenarioRepo('findings-app');
    expect(cli(dir, '.', '--todo-comments').code).toBe(0);
    expect(read(dir, 'src/auth.js')).toContain('// TODO(auth0-mgmt-codemod): custom-audience');

    const quiet = scenarioRepo('findings-app');
    const auth = read(quiet, 'src/auth.js').replace("  audience: 'https://api.example.com/',", "  // auth0-mgmt-codemod-ignore\n  audience: 'https://api.example.com/',");
    writeFileSync(path.join(quiet, 'src/auth.js'), auth);
    const report = jsonReport(cli(quiet, '--json', '--dry'));
    expect(report.files.find((f) => f.path === 'src/auth.js')?.findings.map((f) => f.code) ?? []).not.toContain('custom-audience');
  });
});

describe('Ctrl-C', () => {
  it('stops, reports what was done and exits 130, leaving every file whole', async () => {
    const extra: Record<string, string> = {};
    for (let i = 0; i < 300; i++) {
      extra[`src/pages/page${i}.js`] =
        `/* global auth0, localStorage */\nexport const w${i} = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'c', responseType: 'id_token' });\n` +
        `export const m${i} = () => new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser('x', () => {});\n`;
    }
    const reference = scenarioRepo('single-app', { extra });
    expect(cli(reference, '.', '--workers', '1').code).toBe(0);
    const migrated = readTree(reference);

    const dir = scenarioRepo('single-app', { extra });
    const before = readTree(dir);
    const child = spawn(process.execPath, [BIN, '.', '--workers', '1'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let running = true;
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        running = false;
        resolve(code);
      }),
    );
    // Files are written one by one in path order, src/auth.js first: once it has changed the run
    // is in its write phase, with some 300 writes to go. Waiting for that instead of a fixed time
    // keeps the test independent of how fast the scan is.
    const auth = path.join(dir, 'src', 'auth.js');
    while (running && readFileSync(auth, 'utf8') === before['src/auth.js']) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Interrupted');
    const after = readTree(dir);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    const written = Object.keys(after).filter((file) => after[file] !== before[file]);
    // Every file is either as it was or fully migrated, and the run stopped part-way.
    for (const file of written) expect(after[file], file).toBe(migrated[file]);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(Object.keys(migrated).filter((file) => migrated[file] !== before[file]).length);
  }, 60_000);
});
