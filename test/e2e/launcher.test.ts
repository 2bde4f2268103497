import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backgroundPoolSize } from '../../src/cli/launch';
import { makeTempDir, removeTempDirs, writeTree } from '../cli/helpers';
import { BIN, ensureBuilt } from './helpers';

/**
 * The bin starts the CLI in a second Node process (src/cli/launch.ts). What users rely on: the
 * work happens in that process, with V8's pool sized, and it never outlives the first one.
 * Read through /proc, so Linux only.
 */

const HAS_PROC = existsSync('/proc/self/stat');

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

/** State and parent of a process, or null once it is gone (a zombie counts as gone). */
function processInfo(pid: number): { state: string; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' ? null : { state, ppid: Number(ppid) };
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((candidate) => processInfo(candidate)?.ppid === pid);
}

async function waitFor<T>(probe: () => T | undefined, ms: number): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('launcher', () => {
  it.skipIf(!HAS_PROC)('runs the CLI in a second process with a sized V8 pool, which stops when the first is killed', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6000; i++) {
      files[`src/page${i}.js`] =
        `/* global auth0, localStorage */\nexport const w${i} = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'c', responseType: 'id_token' });\n` +
        `export const m${i} = () => new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser('x', () => {});\n`;
    }
    const dir = makeTempDir('amc-launcher-');
    writeTree(dir, files);
    // A write run (the folder is no git work tree, so it writes without asking): files are only
    // written after all of them are transformed, so a run that was stopped has written none.
    const parent = spawn(process.execPath, [BIN, '.', '--workers', '1'], { cwd: dir, stdio: 'ignore' });
    const parentPid = parent.pid as number;
    // The child shows its own command line once it has exec'd node (before, it is a fork of ours).
    const commandLineOf = (pid: number): string[] => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const execd = (pid: number): boolean => commandLineOf(pid).some((arg) => arg.startsWith('--v8-pool-size='));
    const child = await waitFor(() => childrenOf(parentPid).find((pid) => commandLineOf(pid).includes(BIN) && execd(pid)), 10_000);
    expect(child).toBeDefined();
    const pool = backgroundPoolSize(availableParallelism(), ['--workers', '1']);
    expect(commandLineOf(child as number).slice(1)).toEqual([`--v8-pool-size=${pool}`, BIN, '.', '--workers', '1']);

    // Killed outright, the first process cannot pass anything on: the second must notice and stop
    // by itself rather than carry on and write every file.
    process.kill(parentPid, 'SIGKILL');
    const gone = await waitFor(() => (processInfo(child as number) === null ? true : undefined), 60_000);
    expect(gone).toBe(true);
    // Files are written only after all are transformed: a child that stopped wrote none.
    const written = Object.keys(files).filter((file) => readFileSync(path.join(dir, file), 'utf8') !== files[file]);
    expect(written).toEqual([]);
  }, 90_000);
});
