import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, removeTempDirs } from '../cli/helpers';
import { BIN, cli, ensureBuilt, modifiedFiles, read } from './helpers';

/**
 * A write run without a path asks on a terminal (transform, path, dry run first) and refuses
 * elsewhere. The terminal is a real pseudo-terminal: util-linux `script` runs the built CLI on
 * one and passes what this test types to it, the way a person's keystrokes arrive.
 */

const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

const APP = {
  'package.json': '{ "name": "prompt-app" }\n',
  'src/auth.js': "export const w = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'c', responseType: 'id_token' });\n",
  'src/profile.js': "export const p = (t, id, cb) => new auth0.Management({ domain: 'acme.auth0.com', token: t.idToken }).getUser(id, cb);\n",
  'other/readme.js': '// auth0 is mentioned here, and nothing is to migrate\n',
};

interface Session {
  /** Resolves once the output (with terminal escapes removed) contains `text`. */
  waitFor(text: string): Promise<void>;
  type(keys: string): void;
  exited: Promise<number | null>;
  output(): string;
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The CLI on a pseudo-terminal of its own, in `cwd`. */
function onTerminal(cwd: string, args: readonly string[]): Session {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', COLUMNS: '100', SHELL: '/bin/sh' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  // eslint-disable-next-line no-control-regex
  const plain = (): string => raw.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  const check = (): void => {
    for (const waiter of [...waiters]) {
      if (plain().includes(waiter.text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ text, resolve });
        check();
        void exited.then(() => {
          if (waiters.some((w) => w.text === text)) reject(new Error(`the CLI ended without printing "${text}":\n${plain()}`));
        });
      }),
    type: (keys) => child.stdin.write(keys),
    exited: exited.then((code) => {
      child.stdin.end();
      return code;
    }),
    output: plain,
  };
}

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

describe.skipIf(!HAS_SCRIPT)('no path on a terminal: the CLI asks', () => {
  it('asks for the transform, the path and a dry run first, shows the diff, then writes when told to', async () => {
    const repo = makeRepo(APP);
    const session = onTerminal(repo, ['--workers', '1']);
    await session.waitFor('Transform (name or number) [all]:');
    session.type('\r');
    await session.waitFor('Path to migrate (a file or folder) [.]:');
    session.type('nowhere\r');
    await session.waitFor('No such file or directory: nowhere');
    session.type('src\r');
    await session.waitFor('Preview the changes as a dry run first (nothing is written)? [Y/n]');
    session.type('\r');
    await session.waitFor('Write these changes now? [y/N]');
    // The dry run wrote nothing and showed the diff and the summary.
    expect(modifiedFiles(repo)).toEqual([]);
    expect(session.output()).toContain('diff --git a/src/auth.js b/src/auth.js');
    expect(session.output()).toContain('auth0-mgmt-codemod all (dry run, nothing written)');
    session.type('y\r');
    expect(await session.exited).toBe(0);
    expect(session.output()).toContain('auth0-mgmt-codemod all (writing changes)');
    expect(modifiedFiles(repo)).toEqual(['src/auth.js', 'src/profile.js']);
    expect(read(repo, 'src/profile.js')).toContain('token: t.accessToken');
  }, 60_000);

  it('takes a transform by number, writes at once without a dry run, and only under the path given', async () => {
    // A second app beside src/, which a run on the whole folder would migrate too.
    const repo = makeRepo({ ...APP, 'lib/package.json': '{ "name": "lib-app" }\n', 'lib/auth.js': APP['src/auth.js'], 'lib/profile.js': APP['src/profile.js'] });
    const session = onTerminal(repo, ['--workers', '1']);
    await session.waitFor('Transform (name or number) [all]:');
    session.type('1\r');
    await session.waitFor('Path to migrate');
    session.type('src\r');
    await session.waitFor('dry run first');
    session.type('n\r');
    expect(await session.exited).toBe(0);
    expect(session.output()).toContain('auth0-mgmt-codemod all (writing changes)');
    expect(modifiedFiles(repo)).toEqual(['src/auth.js', 'src/profile.js']);
  }, 60_000);

  it('does not offer to write when the dry run found nothing to change', async () => {
    const repo = makeRepo(APP);
    const session = onTerminal(repo, ['--workers', '1']);
    await session.waitFor('Transform (name or number) [all]:');
    session.type('all\r');
    await session.waitFor('Path to migrate');
    session.type('other\r');
    await session.waitFor('dry run first');
    session.type('y\r');
    expect(await session.exited).toBe(0);
    expect(session.output()).toContain('0 to change');
    expect(session.output()).not.toContain('Write these changes now?');
    expect(modifiedFiles(repo)).toEqual([]);
  }, 60_000);

  it('writes nothing when the questions are cancelled with Ctrl-C (exit 130)', async () => {
    const repo = makeRepo(APP);
    const session = onTerminal(repo, ['--workers', '1']);
    await session.waitFor('Transform (name or number) [all]:');
    session.type('\u0003');
    expect(await session.exited).toBe(130);
    expect(session.output()).toContain('Cancelled; nothing was written.');
    expect(modifiedFiles(repo)).toEqual([]);
  }, 60_000);

  it('asks nothing when a path is given, or for a dry run or a check', async () => {
    const repo = makeRepo(APP);
    const session = onTerminal(repo, ['--check', '--workers', '1']);
    expect(await session.exited).toBe(1);
    expect(session.output()).not.toContain('Transform (name or number)');
    expect(session.output()).toContain('auth0-mgmt-codemod all (check, nothing written)');
  }, 60_000);
});

describe('no path without a terminal', () => {
  it('is a usage error (exit 2) that says how to name the path, and writes nothing', () => {
    const repo = makeRepo(APP);
    const result = cli(repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: no path given');
    expect(result.stderr).toContain('"auth0-mgmt-codemod ."');
    expect(modifiedFiles(repo)).toEqual([]);
    expect(cli(repo, 'webauth-config', '--workers', '1').code).toBe(2);
  });
});
