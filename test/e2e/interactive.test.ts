import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeTempDir, readTree, removeTempDirs } from '../cli/helpers';
import { BIN, cli, ensureBuilt, modifiedFiles, outsideGitHubActions } from './helpers';

/**
 * End-to-end: `--interactive` driven through a pseudo-terminal (Python's pty module), answering
 * each hunk's prompt as a person would.
 */

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

const PROMPT = 'Apply this hunk [y,n,a,d,q,?]? ';
const DRIVER = path.join(__dirname, 'pty-drive.py');

/**
 * The monorepo scenario: admin (link.js, login.js) and web (auth.js, profile.js), one hunk each;
 * with `split`, web/auth.js has two hunks (its login config, and its token storage far below).
 */
function monorepo(options: { split?: boolean } = {}): string {
  const dir = makeTempDir('amc-review-');
  cpSync(path.join(__dirname, 'scenarios', 'monorepo'), dir, { recursive: true });
  if (options.split) {
    const auth = path.join(dir, 'packages/web/src/auth.js');
    const braced = readFileSync(auth, 'utf8').replace(
      "if (authResult) localStorage.setItem('id_token', authResult.idToken);",
      "if (authResult) {\n      localStorage.setItem('id_token', authResult.idToken);\n    }",
    );
    writeFileSync(auth, braced.replace('});\n', `});\n${'// …\n'.repeat(10)}`));
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'scenario');
  return dir;
}

function review(cwd: string, answers: string[], ...args: string[]): { code: number | null; transcript: string } {
  const result = spawnSync('python3', [DRIVER, JSON.stringify(answers), PROMPT, process.execPath, BIN, '--interactive', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...outsideGitHubActions(process.env), NO_COLOR: '1' },
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, transcript: result.stdout.replace(/\r\n/g, '\n') };
}

function prompts(transcript: string): number {
  return transcript.split(PROMPT).length - 1;
}

describe('--interactive', () => {
  it('writes accepted hunks; a refused hunk leaves its whole package as it was, hunks accepted before it included', () => {
    const repo = monorepo();
    // admin/link.js: yes; admin/login.js: no; web/auth.js: yes; web/profile.js: yes
    const { code, transcript } = review(repo, ['y', 'n', 'y', 'y']);
    expect(code, transcript).toBe(0);
    expect(prompts(transcript)).toBe(4);
    expect(transcript).toContain('refusing any hunk of a package leaves the whole package as it was');
    // Each hunk is shown with the findings beside it.
    expect(transcript).toMatch(/packages\/admin\/src\/login\.js[^\n]*\n {2}note consent-required line 2:/);
    expect(transcript).toContain('Package packages/admin is left as it was: none of its 2 hunks in 2 files will be applied');
    expect(modifiedFiles(repo)).toEqual(['packages/web/src/auth.js', 'packages/web/src/profile.js']);
    expect(transcript).toContain('written       packages/web/src/auth.js');
  });

  it('does not ask again about a refused package, and `a` accepts the rest of a file', () => {
    const repo = monorepo({ split: true });
    // admin/link.js: no (admin's login.js is then not asked about); web/auth.js hunk 1 of 2: all
    // of the file (hunk 2 is not asked about); web/profile.js: yes
    const { code, transcript } = review(repo, ['n', 'a', 'y']);
    expect(code, transcript).toBe(0);
    expect(transcript).toContain('(1/2) ' + PROMPT);
    expect(transcript).not.toContain('(2/2) ' + PROMPT);
    expect(prompts(transcript)).toBe(3);
    expect(readTree(repo)['packages/web/src/auth.js']).toContain("localStorage.setItem('access_token', authResult.accessToken)");
    expect(modifiedFiles(repo)).toEqual(['packages/web/src/auth.js', 'packages/web/src/profile.js']);
  });

  it('`?` explains the answers and asks again; `q` writes only the packages accepted in full', () => {
    const repo = monorepo();
    // admin/link.js: help, then yes; admin/login.js: yes; web/auth.js: quit
    const { code, transcript } = review(repo, ['?', 'y', 'y', 'q']);
    expect(code, transcript).toBe(0);
    expect(transcript).toContain('d - do not apply this hunk nor the rest of this file');
    expect(prompts(transcript)).toBe(4);
    expect(modifiedFiles(repo)).toEqual(['packages/admin/src/link.js', 'packages/admin/src/login.js']);
    expect(transcript).toContain('Left as they were after the review: packages/web');
  });

  it('refuses to run without a terminal, and with --dry or --check', () => {
    const repo = monorepo();
    const before = readTree(repo);
    const piped = cli(repo, '--interactive');
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('--interactive asks about each hunk and needs a terminal');
    expect(cli(repo, '--interactive', '--check').code).toBe(2);
    expect(readTree(repo)).toEqual(before);
  });
});
