import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliEnvironment } from '../../src/cli/cli';
import { makeRepo, removeTempDirs } from './helpers';

afterAll(removeTempDirs);

class Capture {
  text = '';
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

function environment(cwd: string, options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false);
  const env: CliEnvironment = { stdout, stderr, env: options.env ?? {}, cwd, defaultWorkers: 1 };
  return { env, stdout, stderr };
}

const APP = {
  'src/auth.js':
    "export const w = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'c', scope: 'openid', responseType: 'id_token' });\n" +
    "w.parseHash((err, r) => {\n  localStorage.setItem('id_token', r.idToken);\n});\n",
  'src/profile.js': "export const p = (id, cb) => new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(id, cb);\n",
};

describe('runCli', () => {
  it('puts the diff on stdout and the summary on stderr, plain when not a terminal', async () => {
    const dir = makeRepo(APP);
    const { env, stdout, stderr } = environment(dir);
    expect(await runCli(['--dry'], env)).toBe(0);
    expect(stdout.text.startsWith('diff --git a/src/auth.js b/src/auth.js\n')).toBe(true);
    expect(stdout.text).not.toContain('\u001b[');
    expect(stderr.text).toContain('dry run, nothing written');
    expect(stderr.text).not.toContain('diff --git');
  });

  it('colours the diff on a terminal unless NO_COLOR is set', async () => {
    const dir = makeRepo(APP);
    const tty = environment(dir, { tty: true });
    await runCli(['--dry'], tty.env);
    expect(tty.stdout.text).toContain('\u001b[32m+');
    const noColor = environment(dir, { tty: true, env: { NO_COLOR: '1' } });
    await runCli(['--dry'], noColor.env);
    expect(noColor.stdout.text).not.toContain('\u001b[');
  });

  it('prints nothing but the JSON report on stdout with --json', async () => {
    const dir = makeRepo(APP);
    const { env, stdout } = environment(dir);
    expect(await runCli(['--json', '--dry'], env)).toBe(0);
    const report = JSON.parse(stdout.text) as { version: number; files: { patch: string | null }[] };
    expect(report.version).toBe(1);
    expect(report.files.every((f) => f.patch === null || f.patch.startsWith('diff --git'))).toBe(true);
  });

  it('prints the dashboard steps after a write run, and as "after you apply this" on a dry run', async () => {
    const dir = makeRepo(APP);
    const dry = environment(dir);
    await runCli(['--dry'], dry.env);
    expect(dry.stderr.text).not.toContain('Next steps in the Auth0 Dashboard');
    expect(dry.stderr.text).toContain('After you apply this, in the Auth0 Dashboard');
    const write = environment(dir);
    expect(await runCli(['.'], write.env)).toBe(0);
    expect(write.stderr.text).toContain('Next steps in the Auth0 Dashboard');
    expect(write.stderr.text).toContain('client ID c, tenant acme.auth0.com');
    expect(write.stderr.text).toContain('Allow ID Tokens for Management API v2 Authentication');
  });

  it('refuses a write run without a path when nobody can be asked (exit 2, nothing written)', async () => {
    const dir = makeRepo(APP);
    const { env, stderr } = environment(dir);
    expect(await runCli([], env)).toBe(2);
    expect(stderr.text).toContain('error: no path given');
    expect(stderr.text).toContain('auth0-mgmt-codemod . --dry');
    expect(await runCli(['--check'], environment(dir).env)).toBe(1);
  });

  it('answers usage errors with exit 2 and a hint, on stderr', async () => {
    const dir = makeRepo(APP);
    const { env, stdout, stderr } = environment(dir);
    expect(await runCli(['--scope-mode', 'all-users'], env)).toBe(2);
    expect(stdout.text).toBe('');
    expect(stderr.text).toContain('Run auth0-mgmt-codemod --help for usage.');
  });
});
