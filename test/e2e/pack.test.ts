import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeTempDir, removeTempDirs } from '../cli/helpers';

/**
 * The published package works where users put it: `npm pack`, install the tarball into a
 * separate prefix (as `npm install -g` would), then run its bin, and run one of its transforms
 * under the jscodeshift it brought along.
 */

const PROJECT = path.resolve(__dirname, '..', '..');
const SCENARIO = path.join(__dirname, 'scenarios', 'single-app');
const manifest = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { name: string; version: string };

let prefix = '';
let installed = '';
let tarball = '';
let installOutput = '';
let packedFiles: string[] = [];

function exec(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

function succeed(result: SpawnSyncReturns<string>): string {
  if (result.status !== 0) throw new Error(`exit ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  if (!existsSync(path.join(PROJECT, 'dist', 'src', 'cli', 'main.js'))) succeed(exec('npm', ['run', 'build'], PROJECT));
  const work = makeTempDir('amc-pack-');
  // Scripts stay off: `npm test` has built dist/ already, and rebuilding it here would rewrite
  // files other test files are running at the same moment.
  const packed = JSON.parse(succeed(exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], PROJECT))) as {
    filename: string;
    files: { path: string }[];
  }[];
  packedFiles = packed[0].files.map((f) => f.path);
  prefix = path.join(work, 'prefix');
  tarball = path.join(work, packed[0].filename);
  // As the README says to install it: no --ignore-scripts, so npm's check of install scripts runs.
  const install = exec('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], work);
  succeed(install);
  installOutput = install.stdout + install.stderr;
  installed = path.join(prefix, 'lib', 'node_modules', manifest.name);
}, 240_000);
afterAll(removeTempDirs);

function appRepo(): string {
  const dir = makeTempDir('amc-installed-app-');
  cpSync(SCENARIO, dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'app');
  return dir;
}

describe('npm pack', () => {
  it('ships the built code and nothing of the sources or tests', () => {
    expect(packedFiles).toContain('bin/auth0-mgmt-codemod.js');
    expect(packedFiles).toContain('dist/src/cli/main.js');
    expect(packedFiles).toContain('dist/src/runner/worker.js');
    expect(packedFiles).toContain('dist/transforms/webauth-config.js');
    expect(packedFiles.filter((f) => !/^(bin\/|dist\/|package\.json$|README\.md$|LICENSE)/.test(f))).toEqual([]);
  });

  it('installs a bin that runs: version, list and a dry run in worker threads', () => {
    const bin = path.join(prefix, 'bin', 'auth0-mgmt-codemod');
    expect(succeed(exec(bin, ['--version'], prefix)).trim()).toBe(manifest.version);
    expect(succeed(exec(bin, ['list'], prefix))).toContain('webauth-config');
    const app = appRepo();
    const dry = exec(bin, ['--dry', '--workers', '2'], app);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("+  audience: 'https://acme.auth0.com/api/v2/',");
    expect(dry.stdout).toContain("+    token: localStorage.getItem('access_token')");
  });

  it('installs without a warning: the package has no install scripts for npm to ask about', () => {
    expect(installOutput).not.toMatch(/npm warn/i);
    const scripts = (JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts[hook], hook).toBeUndefined();
  });

  it('runs from the tarball with npx, without installing it', () => {
    const app = appRepo();
    const result = exec('npx', ['--yes', '--prefer-offline', `--package=${tarball}`, 'auth0-mgmt-codemod', '.', '--dry', '--workers', '1'], app);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("+    token: localStorage.getItem('access_token')");
  }, 120_000);

  it('npm link makes the clone a global command', () => {
    const linkPrefix = makeTempDir('amc-link-');
    const link = spawnSync('npm', ['link', '--no-audit', '--no-fund'], {
      cwd: PROJECT,
      encoding: 'utf8',
      env: { ...process.env, npm_config_prefix: linkPrefix },
    });
    expect(link.status, link.stderr).toBe(0);
    expect(link.stderr).not.toMatch(/npm warn/i);
    const bin = path.join(linkPrefix, 'bin', 'auth0-mgmt-codemod');
    expect(succeed(exec(bin, ['--version'], linkPrefix)).trim()).toBe(manifest.version);
    const dry = exec(bin, ['.', '--dry', '--workers', '1'], appRepo());
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("+  audience: 'https://acme.auth0.com/api/v2/',");
  }, 120_000);

  it('runs a transform under stock jscodeshift: -t <installed>/dist/transforms/webauth-config.js', () => {
    const app = appRepo();
    const jscodeshift = path.join(installed, 'node_modules', '.bin', 'jscodeshift');
    const transform = path.join(installed, 'dist', 'transforms', 'webauth-config.js');
    const result = exec(jscodeshift, ['-t', transform, '--parser=tsx', '--scopes=read:current_user', 'src/auth.js'], app);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('1 ok');
    const auth = readFileSync(path.join(app, 'src', 'auth.js'), 'utf8');
    expect(auth).toContain("audience: 'https://acme.auth0.com/api/v2/'");
    expect(auth).toContain("scope: 'openid read:current_user'");
    expect(auth).toContain("responseType: 'token id_token'");
  });
});
