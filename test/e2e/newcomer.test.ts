import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_CAUSES, FINDING_CODES } from '../../src/catalog/findings';
import { git, makeRepo, makeTempDir, removeTempDirs, writeTree } from '../cli/helpers';
import { BIN, cli, type CliResult, ensureBuilt, jsonReport, modifiedFiles, PROJECT, read } from './helpers';

/**
 * What a new user is told and asked, through the built CLI: the Dashboard steps computed from
 * the run, advice written for each finding's cause, next steps, the flags people type, and
 * output that stays readable on a large tree. The Lock 10 app of examples/lock10-spa is the
 * README's walkthrough.
 */

const EXAMPLE = path.join(PROJECT, 'examples', 'lock10-spa');
const CLIENT_ID = 'pQ7vX2mK9sL4wN8bR1tY6cF3hJ5gD0aZ';

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

/** The CLI with an environment of the test's choosing (no NO_COLOR unless given). */
function run(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The Lock 10 example as a committed git repository of its own. */
function exampleRepo(): string {
  const dir = makeTempDir('amc-lock10-');
  cpSync(EXAMPLE, dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'lock 10 app');
  return dir;
}

/** Both examples (the legacy SPA that migrates, the Lock 10 app that is blocked) in one repository. */
function examplesRepo(): string {
  const dir = makeTempDir('amc-examples-');
  cpSync(path.join(PROJECT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'examples');
  return dir;
}

/** The walkthrough's hand edit: getProfile(idToken) replaced by getUserInfo(accessToken), committed. */
function replaceGetProfile(dir: string): void {
  const app = read(dir, 'src/app.js')
    .replace(
      "  localStorage.setItem('id_token', authResult.idToken);\n  lock.getProfile(authResult.idToken,",
      "  localStorage.setItem('id_token', authResult.idToken);\n  localStorage.setItem('access_token', authResult.accessToken);\n  lock.getUserInfo(authResult.accessToken,",
    )
    .replace('profile.user_id', 'profile.sub');
  const profile = read(dir, 'src/profile.js')
    .replace("var idToken = localStorage.getItem('id_token');\n  if (!idToken) return;", "var accessToken = localStorage.getItem('access_token');\n  if (!accessToken) return;")
    .replace('lock.getProfile(idToken,', 'lock.getUserInfo(accessToken,');
  expect(app).toContain('lock.getUserInfo(authResult.accessToken,');
  expect(profile).toContain('lock.getUserInfo(accessToken,');
  writeTree(dir, { 'src/app.js': app, 'src/profile.js': profile });
  git(dir, 'commit', '-q', '-am', 'getUserInfo with the access token');
}

describe('the Lock 10 walkthrough: findings first, Dashboard steps once nothing is left', () => {
  it('dry run: the Lock 10 finding with advice for its cause, and "do not turn off the toggle yet"', () => {
    const dir = exampleRepo();
    const dry = cli(dir, '.', '--dry');
    expect(dry.code).toBe(0);
    // The flow is blocked at each getProfile(idToken): nothing of it changes, not even the login.
    expect(dry.stdout).toBe('');
    expect(dry.stderr).toContain('  legacy-get-profile (2)  README.md#legacy-get-profile');
    expect(dry.stderr).toContain("    src/app.js:8:3  Lock 10's getProfile takes the ID token");
    expect(dry.stderr).toContain('    src/profile.js:4:3  (the same message)');
    expect(dry.stderr).toContain("- Lock 10 getProfile(idToken) (2): Lock 10's getProfile(idToken) calls /tokeninfo");
    // Not the generic advice about spreads and other modules.
    expect(dry.stderr).not.toContain('a spread');
    expect(dry.stderr).toContain('Do not turn off "Allow ID Tokens for Management API v2 Authentication" yet: 2 places remain:');
    expect(dry.stderr).toContain('  src/app.js:8:3  legacy-get-profile');
    expect(dry.stderr).toContain('.  none yet: a token flow is blocked and was left alone (see the findings)');
    expect(dry.stderr).not.toContain('Settings > Advanced');
    expect(modifiedFiles(dir)).toEqual([]);

    const check = cli(dir, '.', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('2 places remain');
  });

  it('the JSON report gives each finding its cause and the README anchor of its code', () => {
    const report = jsonReport(cli(exampleRepo(), '.', '--dry', '--json'));
    const finding = report.files.flatMap((f) => f.findings)[0];
    expect(finding).toMatchObject({ code: 'legacy-get-profile', cause: 'lock10-get-profile', docs: 'README.md#legacy-get-profile' });
  });

  it('TODO comments name no line number, so they stay true after lines are added above', () => {
    const dir = exampleRepo();
    expect(cli(dir, '.', '--todo-comments').code).toBe(0);
    const app = read(dir, 'src/app.js');
    const todo = app.split('\n').find((line) => line.includes('TODO(auth0-mgmt-codemod)')) ?? '';
    expect(todo).toContain('legacy-get-profile');
    expect(todo).not.toMatch(/line \d/);
  });

  it('after the hand edit: "after you apply this" on a dry run, the steps after the write run, and nothing left on --check', () => {
    const dir = exampleRepo();
    replaceGetProfile(dir);
    const dry = cli(dir, '.', '--dry');
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('After you apply this, in the Auth0 Dashboard (https://manage.auth0.com):');

    const write = cli(dir, '.');
    expect(write.code, write.stderr).toBe(0);
    expect(modifiedFiles(dir)).toEqual(['src/app.js', 'src/profile.js']);
    const steps = write.stderr.slice(write.stderr.indexOf('Next steps in the Auth0 Dashboard'));
    expect(steps).toContain('Applications > Applications > (the application) > Settings');
    expect(steps).toContain(`. (package lock10-spa): client ID ${CLIENT_ID}, tenant example-tenant.auth0.com`);
    expect(steps).toContain('update:current_user_metadata: current-user scopes, which need no grant');
    expect(steps).toContain('"Allow Cross-Origin Authentication"');
    expect(steps).toContain('"Allowed Web Origins"');
    expect(steps).toContain('on localhost they always are');
    expect(steps).toContain('Turn off "Allow ID Tokens for Management API v2 Authentication" in Settings > Advanced');
    expect(steps).toContain('only after every app using this tenant is deployed');
    // The switch comes last.
    expect(steps.indexOf('Settings > Advanced')).toBeGreaterThan(steps.indexOf('Deploy the migrated code'));

    git(dir, 'commit', '-q', '-am', 'migrated');
    const check = cli(dir, '.', '--check');
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('Nothing is left to change in the code. In the Auth0 Dashboard');
  });

  it('a write run that leaves a finding says the toggle must stay on, and lists the place', () => {
    const dir = exampleRepo();
    const write = cli(dir, '.');
    expect(write.code).toBe(0);
    expect(write.stderr).toContain('Do not turn off "Allow ID Tokens for Management API v2 Authentication" yet: 2 places remain:');
    expect(modifiedFiles(dir)).toEqual([]);
    expect(write.stderr).not.toContain('Next steps in the Auth0 Dashboard');
  });
});

describe('next steps after every run', () => {
  it('dry: how to apply; write: review, commit and gate; findings: the README anchors and --todo-comments', () => {
    const dir = examplesRepo();
    const dry = cli(dir, '.', '--dry');
    const next = dry.stderr.slice(dry.stderr.indexOf('\nNext:\n'));
    expect(next).toContain('"git apply migration.patch"');
    expect(next).toContain('without --dry');
    expect(next).toContain('README.md#legacy-get-profile');
    expect(next).toContain('--todo-comments');
    const check = cli(dir, '.', '--check');
    expect(check.stderr).toContain('See the changes as a diff with --dry');
    const write = cli(dir, '.');
    expect(write.stderr).toContain('Review what was written with "git diff"');
    expect(write.stderr).toContain('"auth0-mgmt-codemod --check"');
  });
});

describe('the flags people type', () => {
  it('--dry-run and -d are --dry', () => {
    const dir = examplesRepo();
    const dry = cli(dir, '.', '--dry').stdout;
    expect(dry).toContain('diff --git');
    expect(cli(dir, '.', '--dry-run').stdout).toBe(dry);
    expect(cli(dir, '.', '-d').stdout).toBe(dry);
    expect(modifiedFiles(dir)).toEqual([]);
  });

  it('-p / --print prints each changed file whole, as jscodeshift does (with -d: and writes nothing)', () => {
    const dir = exampleRepo();
    replaceGetProfile(dir);
    const profile = read(dir, 'src/profile.js');
    const one = cli(dir, '.', '-d', '-p');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`==> src/profile.js <==\n${profile.replace("getItem('id_token'));\n  xhr.onload", "getItem('access_token'));\n  xhr.onload")}`);
    expect(modifiedFiles(dir)).toEqual([]);
    const write = cli(dir, '.', '--print');
    expect(modifiedFiles(dir)).toEqual(['src/app.js', 'src/profile.js']);
    expect(write.stdout).toBe(`==> src/app.js <==\n${read(dir, 'src/app.js')}==> src/profile.js <==\n${read(dir, 'src/profile.js')}`);
    expect(cli(dir, '.', '--print', '--json').code).toBe(2);
    // Several files: each headed by its path, as head and tail do.
    const several = cli(largeRepo(), 'packages/app-00', 'packages/app-01', '-d', '-p');
    expect(several.stdout.startsWith('==> packages/app-00/src/login.js <==\nexport const webAuth = new auth0.WebAuth({\n')).toBe(true);
    expect(several.stdout).toContain('}\n==> packages/app-01/src/login.js <==\n');
  });

  it('--color and FORCE_COLOR colour a pipe; --no-color and NO_COLOR do not', () => {
    const dir = examplesRepo();
    const hasColour = (result: CliResult): boolean => result.stdout.includes('\u001b[') && result.stderr.includes('\u001b[');
    expect(hasColour(run(dir, ['.', '--dry']))).toBe(false);
    expect(hasColour(run(dir, ['.', '--dry', '--color']))).toBe(true);
    expect(hasColour(run(dir, ['.', '--dry'], { FORCE_COLOR: '1' }))).toBe(true);
    expect(hasColour(run(dir, ['.', '--dry', '--no-color'], { FORCE_COLOR: '1' }))).toBe(false);
    expect(hasColour(run(dir, ['.', '--dry'], { FORCE_COLOR: '0' }))).toBe(false);
    expect(hasColour(run(dir, ['.', '--dry', '--color'], { NO_COLOR: '1' }))).toBe(true);
    // A coloured patch is still the patch once the colour codes are taken out.
    // eslint-disable-next-line no-control-regex
    expect(run(dir, ['.', '--dry', '--color']).stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(run(dir, ['.', '--dry']).stdout);
  });

  it('an unknown flag gets a did-you-mean, like an unknown transform (exit 2, nothing written)', () => {
    const dir = exampleRepo();
    const typo = cli(dir, '.', '--dry-rn');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown option --dry-rn (did you mean --dry-run?)');
    expect(cli(dir, '.', '--todo-coments').stderr).toContain('(did you mean --todo-comments?)');
    expect(cli(dir, '.', '--frobnicate').stderr).toContain('unknown option --frobnicate\n');
    expect(modifiedFiles(dir)).toEqual([]);
  });
});

/** 24 packages, each with a login config and a Management call in one long line, and a finding. */
function largeRepo(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 24; i++) {
    const name = `packages/app-${String(i).padStart(2, '0')}`;
    files[`${name}/package.json`] = `{ "name": "app-${i}" }\n`;
    files[`${name}/src/login.js`] =
      `export const webAuth = new auth0.WebAuth({ domain: 'tenant${i}.auth0.com', clientID: 'client-${i}', responseType: 'id_token' });\n` +
      `export function show(result, id, done) {\n  new auth0.Management({ domain: 'tenant${i}.auth0.com', token: result.idToken }).getUser(id, done);\n}\n`;
    // A tool of its own, blocked: its login takes keys from a spread.
    files[`tools/tool-${String(i).padStart(2, '0')}/package.json`] = `{ "name": "tool-${i}" }\n`;
    files[`tools/tool-${String(i).padStart(2, '0')}/src/extra.js`] =
      `export const other = new auth0.WebAuth({ ...shared, domain: 'tenant${i}.auth0.com', clientID: 'client-${i}', responseType: 'id_token', scope: 'openid' });\n` +
      `export function show(result, id, done) {\n  new auth0.Management({ domain: 'tenant${i}.auth0.com', token: result.idToken }).getUser(id, done);\n}\n`;
  }
  return makeRepo(files, 'amc-large-');
}

describe('output that scales', () => {
  it('groups findings by code, shows the first few of each list with a count, and --verbose shows all', () => {
    const dir = largeRepo();
    const short = cli(dir, '.', '--dry');
    expect(short.code).toBe(0);
    expect(short.stderr).toContain('… 14 more files would change (--verbose lists them all)');
    expect(short.stderr).toContain('  unresolved-config (24)  README.md#unresolved-config');
    expect(short.stderr).toContain('    … 19 more (--verbose lists every one)');
    // One advice block per code: the open finding's and the consent note's.
    expect(short.stderr.match(/What to do:/g)).toHaveLength(2);
    expect(short.stderr).toMatch(/24 packages {2}read:current_user {2}packages\/app-00, packages\/app-01, packages\/app-02, … \(21 more\)/);
    expect(short.stderr).toContain('Some lists above were cut short: --verbose shows every file, finding and package.');
    const full = cli(dir, '.', '--dry', '--verbose');
    expect(full.stderr).toContain('tools/tool-23/src/extra.js:1:42');
    expect(full.stderr).toContain('packages/app-23  read:current_user');
    expect(full.stderr).not.toContain('--verbose lists');
  });

  it('wraps to the terminal width (COLUMNS), continuing under the text a line belongs to', () => {
    const dir = largeRepo();
    const narrow = run(dir, ['.', '--dry'], { COLUMNS: '80' });
    const long = narrow.stderr.split('\n').filter((line) => line.length > 80);
    // Only words that cannot be broken (paths, URLs) may stick out.
    for (const line of long) expect(line.trim().split(' ').some((word) => word.length > 40), line).toBe(true);
    expect(narrow.stderr).toMatch(/\n {6,}\S/);
    // Without a terminal or COLUMNS, every entry stays on one line for grep.
    const entry = cli(dir, '.', '--dry').stderr.split('\n').find((line) => line.startsWith('    tools/tool-00/src/extra.js:1:42  '));
    expect(entry).toMatch(/take keys from a spread.*\(unless it is a code flow\)$/);
  });

  it('hunk headers carry the function context git diff prints', () => {
    const dir = makeRepo({
      'package.json': '{}\n',
      'src/auth.js': [
        "const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'c', responseType: 'id_token' });",
        '',
        'function header() {',
        '  return 1;',
        '}',
        '',
        'export function loadProfile(result, id, done) {',
        '  const a = 1;',
        '  const b = 2;',
        '  const c = 3;',
        '  const d = 4;',
        "  new auth0.Management({ domain: 'acme.auth0.com', token: result.idToken }).getUser(id, done);",
        '}',
        '',
      ].join('\n'),
    });
    const dry = cli(dir, '.', '--dry');
    const headers = (patch: string): string[] => patch.split('\n').filter((line) => line.startsWith('@@'));
    expect(headers(dry.stdout)).toContain('@@ -9,5 +15,5 @@ export function loadProfile(result, id, done) {');
    expect(cli(dir, '.').code).toBe(0);
    expect(headers(dry.stdout)).toEqual(headers(git(dir, 'diff')));
  });
});

describe('the README documents every finding code under a heading of its own', () => {
  const readme = readFileSync(path.join(PROJECT, 'README.md'), 'utf8');

  it('has a "### <code>" heading per code, so README.md#<code> links to it, naming each of its causes', () => {
    for (const code of FINDING_CODES) expect(readme, code).toContain(`\n### ${code}\n`);
    for (const [cause, kind] of Object.entries(FINDING_CAUSES)) {
      const section = readme.slice(readme.indexOf(`\n### ${kind.code}\n`), readme.indexOf('\n##', readme.indexOf(`\n### ${kind.code}\n`) + 5));
      expect(section, cause).toContain(`\`${cause}\``);
    }
  });
});

describe('npm start', () => {
  it('still previews examples/ as a diff, the Lock 10 app with its finding', () => {
    const start = spawnSync('node', [BIN, 'all', 'examples', '--dry'], { cwd: PROJECT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(start.status).toBe(0);
    expect(start.stdout).toContain('diff --git a/examples/legacy-spa/src/auth.js b/examples/legacy-spa/src/auth.js');
    expect(start.stderr).toContain('examples/lock10-spa/src/app.js:8:3');
    expect(start.stderr).toContain('examples/legacy-spa  read:current_user update:current_user_identities update:current_user_metadata');
    const manifest = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.start).toContain('node bin/auth0-mgmt-codemod.js all examples --dry');
  });
});
