import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, linkSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeRepo, makeTempDir, readTree, removeTempDirs, writeTree } from '../cli/helpers';
import { BIN, cli, ensureBuilt, gitApply, jsonReport, modifiedFiles, read, runCliWithin } from './helpers';

/**
 * Safety, part one: the codemod writes only what the user asked for, where they asked for it,
 * and says what it did not do. Every case runs the built CLI on a temporary repository.
 */

const SINGLE_APP = path.join(__dirname, 'scenarios', 'single-app');
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const HAS_PROC = existsSync('/proc/self/cmdline');

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

/** The single-app scenario (src/auth.js and src/profile.js would change) plus `extra`, committed. */
function appRepo(extra: Record<string, string> = {}): string {
  const repo = makeRepo({}, 'amc-safety-');
  cpSync(SINGLE_APP, repo, { recursive: true });
  writeTree(repo, extra);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'app');
  return repo;
}

/** A file a write run would change: a whole flow (login config, stored token, Management API call). */
function legacyFile(i: number): string {
  return (
    `/* global auth0, localStorage */\nexport const w${i} = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'c', responseType: 'id_token' });\n` +
    `export const m${i} = () => new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser('x', () => {});\n` +
    `w${i}.parseHash((err, r) => {\n  localStorage.setItem('id_token', r.idToken);\n});\n`
  );
}

function manyFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`src/pages/page${String(i).padStart(4, '0')}.js`] = legacyFile(i);
  return files;
}

function temporaryFiles(dir: string): string[] {
  const found: string[] = [];
  const visit = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) visit(path.join(d, entry.name));
      else if (entry.name.endsWith('.tmp')) found.push(entry.name);
    }
  };
  visit(dir);
  return found;
}

describe('a boolean flag given a value is true, false or a usage error; never a write run', () => {
  for (const flag of ['--dry=1', '--dry=yes', '--check=1', '--json=on', '--no-dry=1']) {
    it(`${flag}: exit 2, nothing written`, () => {
      const repo = appRepo();
      const result = cli(repo, '.', flag);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/switch|takes no value/);
      expect(modifiedFiles(repo)).toEqual([]);
    });
  }

  it('--dry=true previews and --dry=false writes', () => {
    const repo = appRepo();
    const dry = cli(repo, '--dry=true');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('diff --git');
    expect(modifiedFiles(repo)).toEqual([]);
    expect(cli(repo, '.', '--dry=false').code).toBe(0);
    expect(modifiedFiles(repo)).toEqual(['src/auth.js', 'src/profile.js']);
  });
});

describe('unknown and dotted options, --, and empty paths', () => {
  it('--force.js and --dry.x are unknown options (yargs dot-notation is off): exit 2, nothing written', () => {
    const repo = appRepo();
    for (const flag of ['--force.js', '--dry.x']) {
      const result = cli(repo, '.', flag);
      expect(result.code, flag).toBe(2);
      expect(result.stderr).toContain('unknown option');
    }
    expect(modifiedFiles(repo)).toEqual([]);
  });

  it('`-- web` migrates web and nothing else', () => {
    const repo = appRepo({ 'web/package.json': '{}', 'web/login.js': legacyFile(1) });
    const preview = cli(repo, '--dry', '--json', '--', 'web');
    expect(preview.code, preview.stderr).toBe(0);
    expect(jsonReport(preview).files.map((f) => f.path)).toEqual(['web/login.js']);
    const result = cli(repo, '--', 'web');
    expect(result.code, result.stderr).toBe(0);
    expect(modifiedFiles(repo)).toEqual(['web/login.js']);
  });

  it("an empty path ('') is a usage error, not the current folder", () => {
    const repo = appRepo();
    for (const args of [[''], ['all', ''], ['--', '']]) {
      const result = cli(repo, ...args);
      expect(result.code, JSON.stringify(args)).toBe(2);
      expect(result.stderr).toContain('empty argument');
    }
    expect(modifiedFiles(repo)).toEqual([]);
  });
});

describe('the uncommitted-changes guard refuses to write when it cannot run', () => {
  it('without git on PATH: exit 2, nothing written, says why; --force writes', () => {
    const repo = appRepo();
    const refused = runCliWithin(60_000, repo, ['.'], { PATH: path.join(repo, 'no-such-bin') });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('git is not installed');
    expect(modifiedFiles(repo)).toEqual([]);
    const forced = runCliWithin(60_000, repo, ['.', '--force'], { PATH: path.join(repo, 'no-such-bin') });
    expect(forced.code, forced.stderr).toBe(0);
    expect(modifiedFiles(repo)).toEqual(['src/auth.js', 'src/profile.js']);
  });

  it.skipIf(!IS_ROOT)('when git refuses the repository (dubious ownership): exit 2, nothing written, says why', () => {
    const repo = appRepo();
    const before = readTree(repo);
    const chownTree = (dir: string): void => {
      chownSync(dir, 4321, 4321);
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) chownTree(full);
        else chownSync(full, 4321, 4321);
      }
    };
    chownTree(repo);
    const result = runCliWithin(60_000, repo, ['.', '--json'], { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('dubious ownership');
    expect(readTree(repo)).toEqual(before);
    expect(jsonReport(result).refusal?.paths).toEqual(['src/auth.js', 'src/profile.js']);
  });

  it('a git-ignored file named explicitly has no committed copy: refused without --force', () => {
    const repo = appRepo({ '.gitignore': 'local/\n' });
    writeTree(repo, { 'local/auth.js': legacyFile(7) });
    const result = cli(repo, 'local/auth.js', 'src/profile.js');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('local/auth.js');
    expect(read(repo, 'local/auth.js')).toBe(legacyFile(7));
    expect(modifiedFiles(repo)).toEqual([]);
    expect(cli(repo, 'local/auth.js', '--force').code).toBe(0);
    expect(read(repo, 'local/auth.js')).not.toBe(legacyFile(7));
  });

  it('prints the JSON report, with the refusal, when it refuses', () => {
    const repo = appRepo();
    writeFileSync(path.join(repo, 'src', 'auth.js'), `${read(repo, 'src/auth.js')}// edited\n`);
    const result = cli(repo, '.', '--json');
    expect(result.code).toBe(2);
    const report = jsonReport(result);
    expect(report.refusal).toEqual({ reason: expect.stringContaining('uncommitted changes'), paths: ['src/auth.js'] });
    expect(report.files.map((f) => [f.path, f.status])).toEqual([
      ['src/auth.js', 'changed'],
      ['src/profile.js', 'changed'],
    ]);
    expect(modifiedFiles(repo)).toEqual(['src/auth.js']);
  });
});

describe('symbolic links are never written through', () => {
  it('a link named on the command line to a file outside the repository is listed as skipped; the target is untouched', () => {
    const outside = makeTempDir('amc-outside-');
    writeFileSync(path.join(outside, 'auth.js'), legacyFile(3));
    const repo = appRepo();
    symlinkSync(path.join(outside, 'auth.js'), path.join(repo, 'linked.js'));

    const check = cli(repo, '--check', '--json', 'linked.js');
    expect(check.code).toBe(1);
    expect(jsonReport(check).files).toEqual([expect.objectContaining({ path: 'linked.js', status: 'skipped', reason: 'symlink' })]);
    expect(jsonReport(check).totals.skipped).toBe(1);

    const write = cli(repo, 'linked.js', 'src/profile.js');
    expect(write.code, write.stderr).toBe(2);
    expect(write.stderr).toMatch(/skipped +linked\.js +a symbolic link/);
    expect(readFileSync(path.join(outside, 'auth.js'), 'utf8')).toBe(legacyFile(3));
    expect(readlinkSync(path.join(repo, 'linked.js'))).toBe(path.join(outside, 'auth.js'));
    expect(modifiedFiles(repo)).toEqual(['src/profile.js']);
  });
});

describe('one process: nothing of a run outlives it', () => {
  it.skipIf(!HAS_PROC)('after kill -9 of the process started, no process of the run is left writing', async () => {
    const repo = appRepo(manyFiles(1500));
    const before = read(repo, 'src/auth.js');
    const child = spawn(process.execPath, [BIN, '.', '--workers', '1'], { cwd: repo, stdio: 'ignore' });
    let running = true;
    const exited = new Promise<void>((resolve) =>
      child.on('exit', () => {
        running = false;
        resolve();
      }),
    );
    // src/auth.js is written first (files are written in path order): the write phase has begun.
    while (running && read(repo, 'src/auth.js') === before) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    await exited;
    const survivors = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(BIN) && readlinkSync(`/proc/${pid}/cwd`) === repo;
        } catch {
          return false;
        }
      });
    expect(survivors).toEqual([]);
  }, 120_000);
});

describe('stopped by a signal, or failed: no dashboard steps, and a list of what was and was not written', () => {
  it('SIGTERM during the writes: exit 143, every file whole, no temporary file left, no "turn off ID tokens"', async () => {
    const repo = appRepo(manyFiles(400));
    const original = readTree(repo);
    const child = spawn(process.execPath, [BIN, '.', '--workers', '1'], { cwd: repo, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let running = true;
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        running = false;
        resolve(code);
      }),
    );
    while (running && read(repo, 'src/auth.js') === original['src/auth.js']) await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(temporaryFiles(repo)).toEqual([]);
    expect(stderr).toContain('Interrupted');
    expect(stderr).toMatch(/written +src\/auth\.js/);
    expect(stderr).toMatch(/skipped +src\/pages\/page\d+\.js +not processed or not written/);
    expect(stderr).not.toContain('Turn off');
    const after = readTree(repo);
    for (const file of Object.keys(after)) {
      if (after[file] === original[file]) continue;
      // A written file is whole: migrated through and through.
      expect(after[file], file).toContain("responseType: 'token id_token'");
      expect(after[file], file).not.toContain("getItem('id_token')");
    }
  }, 120_000);

  it('a write run with a file that cannot be migrated prints no dashboard steps', () => {
    const repo = appRepo({ 'src/broken.js': 'const auth0 = ;\n' });
    const result = cli(repo, '.');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/written +src\/auth\.js/);
    expect(result.stderr).toMatch(/error +src\/broken\.js/);
    expect(result.stderr).not.toContain('Turn off');
    expect(result.stderr).toContain('Not every file was migrated');
  });
});

describe('exit codes survive a closed stdout', () => {
  it('--check --dry | head -1 still exits 1', async () => {
    const repo = appRepo(manyFiles(300));
    const child = spawn(process.execPath, [BIN, '--check', '--dry', '--workers', '1'], { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] });
    // Like `head -1`: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
  }, 60_000);
});

describe('patch and report paths are relative to the repository root, like git diff', () => {
  it('from a subfolder, the --dry patch applies with git apply at the root and in that subfolder', () => {
    const repo = appRepo({ 'packages/web/package.json': '{}', 'packages/web/src/login.js': legacyFile(5) });
    const sub = path.join(repo, 'packages', 'web');
    const dry = cli(sub, '--dry');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('diff --git a/packages/web/src/login.js b/packages/web/src/login.js');
    const json = jsonReport(cli(sub, '--dry', '--json'));
    expect(json.files.map((f) => f.path)).toEqual(['packages/web/src/login.js']);
    expect(json.packages.map((p) => p.path)).toEqual(['packages/web']);

    gitApply(repo, dry.stdout);
    expect(modifiedFiles(repo)).toEqual(['packages/web/src/login.js']);
    git(repo, 'checkout', '--', '.');
    // git apply in a subfolder takes the paths from the root, as git diff writes them.
    gitApply(sub, dry.stdout);
    expect(modifiedFiles(repo)).toEqual(['packages/web/src/login.js']);
  });

  it('without git, paths are relative to the run root', () => {
    const dir = makeTempDir('amc-nogit-');
    writeTree(dir, { 'app/src/login.js': legacyFile(6) });
    const result = cli(dir, '--dry', '--json', 'app');
    expect(jsonReport(result).files.map((f) => f.path)).toEqual(['app/src/login.js']);
  });
});

describe('names with control characters are quoted as git quotes them', () => {
  it('a newline and an ESC in a file name reach the terminal escaped', () => {
    const repo = appRepo();
    const name = 'log\u001b[31min\nx.js';
    writeFileSync(path.join(repo, 'src', name), legacyFile(8).replace("getItem('id_token')", 'token'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'odd name');
    const result = cli(repo, '--dry');
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).toContain('"src/log\\033[31min\\nx.js"');
  });
});

describe('files the codemod writes', () => {
  it('keep their mode and, where allowed, their owner', () => {
    const repo = appRepo();
    const auth = path.join(repo, 'src', 'auth.js');
    chmodSync(auth, 0o751);
    if (IS_ROOT) chownSync(auth, 4321, 4322);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'mode');
    expect(cli(repo, '.').code).toBe(0);
    expect(read(repo, 'src/auth.js')).toContain("responseType: 'token id_token'");
    const stats = statSync(auth);
    expect(stats.mode & 0o777).toBe(0o751);
    if (IS_ROOT) expect([stats.uid, stats.gid]).toEqual([4321, 4322]);
  });

  it('a file with several hard links is listed as skipped, in every mode, and not split', () => {
    const repo = appRepo();
    const auth = path.join(repo, 'src', 'auth.js');
    const twin = path.join(repo, 'auth-copy.txt');
    linkSync(auth, twin);
    const dry = cli(repo, '--dry', '--json');
    expect(dry.code).toBe(2);
    expect(jsonReport(dry).files.find((f) => f.path === 'src/auth.js')).toMatchObject({ status: 'skipped', reason: 'hard-links', patch: null });
    const write = cli(repo, '.');
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/skipped +src\/auth\.js +has several hard links/);
    expect(statSync(auth).ino).toBe(statSync(twin).ino);
    expect(modifiedFiles(repo)).toEqual(['src/profile.js']);
  });
});

describe('skipped candidates are listed, counted and fail the run', () => {
  it('too large, not UTF-8, a named pipe and a submodule with Auth0 code: --check exits 1, a write run 2', () => {
    const repo = appRepo({
      'src/huge.js': `// auth0\n${'const a = 1;\n'.repeat(90_000)}`,
      'src/unused.js': `// nothing to see\n${'const a = 1;\n'.repeat(90_000)}`,
    });
    writeFileSync(path.join(repo, 'src', 'latin1.js'), Buffer.concat([Buffer.from("// auth0 caf"), Buffer.from([0xe9]), Buffer.from('\n')]));
    // A submodule: a repository of its own, with Auth0 code.
    const library = makeRepo({ 'index.js': legacyFile(9) }, 'amc-submodule-');
    spawnSync('git', ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', library, 'vendor/lib'], { cwd: repo });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'odd files');
    spawnSync('mkfifo', [path.join(repo, 'src', 'pipe.js')]);

    const check = runCliWithin(60_000, repo, ['--check', '--json', '.', 'src/pipe.js']);
    expect(check.code, check.stderr).toBe(1);
    const report = jsonReport(check);
    const skipped = report.files.filter((f) => f.status === 'skipped').map((f) => [f.path, f.reason]);
    expect(skipped).toEqual([
      ['src/huge.js', 'too-large'],
      ['src/latin1.js', 'not-utf8'],
      ['src/pipe.js', 'not-regular-file'],
      ['vendor/lib', 'submodule'],
    ]);
    expect(report.totals.skipped).toBe(4);

    const write = runCliWithin(60_000, repo, ['.', 'src/pipe.js']);
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/skipped +vendor\/lib +a git submodule/);
    expect(modifiedFiles(repo)).toEqual(['src/auth.js', 'src/profile.js']);
  });

  it('a named pipe called package.json or .gitignore does not hang the run', () => {
    const dir = makeTempDir('amc-fifo-');
    writeTree(dir, { 'app/src/login.js': legacyFile(10), 'web/src/login.js': legacyFile(11) });
    spawnSync('mkfifo', [path.join(dir, 'app', 'package.json')]);
    spawnSync('mkfifo', [path.join(dir, 'web', '.gitignore')]);
    const result = runCliWithin(30_000, dir, ['--dry', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(jsonReport(result).files.map((f) => f.path)).toEqual(['app/src/login.js', 'web/src/login.js']);

    // In a git repository too (git itself would wait on the root's .gitignore).
    const repo = appRepo();
    spawnSync('mkfifo', [path.join(repo, 'src', 'package.json')]);
    spawnSync('mkfifo', [path.join(repo, '.gitignore')]);
    const inGit = runCliWithin(30_000, repo, ['--dry', '--json']);
    expect(inGit.code, inGit.stderr).toBe(0);
    expect(jsonReport(inGit).files.map((f) => f.path)).toEqual(['src/auth.js', 'src/profile.js']);
  });
});
