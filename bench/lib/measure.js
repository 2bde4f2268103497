// @ts-check
'use strict';

/**
 * Runs one command and measures its wall time and peak memory.
 *
 * Peak memory is taken two ways, and the larger is reported:
 *  - GNU time's `%M`: the largest RSS any single process of the tree reached (exact, but blind to
 *    several workers being resident at once);
 *  - polling /proc: the sum of VmRSS over the process and all its descendants, sampled every few
 *    milliseconds (sees concurrent workers, may miss a spike shorter than the interval).
 * Either alone still works when the other is unavailable (no `time` binary, no /proc).
 */

const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { setTimeout, setInterval, clearInterval, setImmediate } = require('node:timers');

const POLL_MS = 15;

/**
 * The GNU time binary when it exists and supports `-f %M -o FILE`; null otherwise.
 * @param {string} scratchDir
 * @returns {string | null}
 */
function findGnuTime(scratchDir) {
  const candidate = '/usr/bin/time';
  if (!fs.existsSync(candidate)) return null;
  const out = path.join(scratchDir, 'time-probe.txt');
  const probe = spawnSync(candidate, ['-f', '%M', '-o', out, process.execPath, '-e', '0'], { stdio: 'ignore' });
  try {
    if (probe.status !== 0) return null;
    const kb = Number.parseInt(fs.readFileSync(out, 'utf8').trim().split('\n').pop() ?? '', 10);
    return Number.isFinite(kb) && kb > 0 ? candidate : null;
  } catch {
    return null;
  } finally {
    fs.rmSync(out, { force: true });
  }
}

const HAS_PROC = fs.existsSync('/proc/self/status');

/**
 * Parent pid of every process, read from /proc/<pid>/stat. The kernel here may lack
 * /proc/<pid>/task/<tid>/children, so descendants are found from this map instead.
 * @returns {Map<number, number[]>} parent → children
 */
function childrenMap() {
  /** @type {Map<number, number[]>} */
  const map = new Map();
  let names;
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return map;
  }
  for (const name of names) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    const list = map.get(ppid);
    if (list) list.push(Number(name));
    else map.set(ppid, [Number(name)]);
  }
  return map;
}

/**
 * @param {number} pid
 * @returns {{ rss: number, hwm: number } | null} kB
 */
function memoryOf(pid) {
  let status;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const rss = /VmRSS:\s+(\d+)/.exec(status);
  const hwm = /VmHWM:\s+(\d+)/.exec(status);
  if (!rss) return null; // a zombie has no memory lines
  return { rss: Number(rss[1]), hwm: hwm ? Number(hwm[1]) : Number(rss[1]) };
}

/**
 * @typedef {object} Measurement
 * @property {number} wallMs
 * @property {number | null} exitCode
 * @property {string | null} signal
 * @property {number} peakKb the larger of the two figures below (0 when neither is known)
 * @property {number} treePeakKb largest sampled sum of VmRSS over the process tree
 * @property {number} singlePeakKb largest RSS of one process (GNU time %M, or the largest VmHWM seen)
 * @property {number} samples
 * @property {string} stderrTail
 */

/**
 * @param {object} opts
 * @param {string} opts.command
 * @param {string[]} opts.args
 * @param {string} opts.cwd
 * @param {string} opts.stdoutPath where the command's stdout goes (kept for counting results)
 * @param {string | null} opts.timeBinary
 * @param {string} opts.scratchDir
 * @param {(pid: number) => void} [opts.onStart]
 * @returns {Promise<Measurement>}
 */
function measure(opts) {
  return new Promise((resolve, reject) => {
    const memFile = path.join(opts.scratchDir, `mem-${process.pid}-${Date.now()}.txt`);
    const wrapped = opts.timeBinary !== null;
    const command = wrapped ? /** @type {string} */ (opts.timeBinary) : opts.command;
    const args = wrapped ? ['-f', '%M', '-o', memFile, opts.command, ...opts.args] : opts.args;
    const out = fs.openSync(opts.stdoutPath, 'w');
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

    const started = process.hrtime.bigint();
    // detached: its own process group, so an interrupted benchmark can end exactly this tree.
    const child = spawn(command, args, { cwd: opts.cwd, stdio: ['ignore', out, 'pipe'], env, detached: true });
    fs.closeSync(out);
    if (child.pid !== undefined && opts.onStart) opts.onStart(child.pid);

    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-8192);
    });

    let treePeakKb = 0;
    let hwmPeakKb = 0;
    let samples = 0;
    const rootPid = child.pid;
    function sample() {
      if (!HAS_PROC || rootPid === undefined) return;
      const kids = childrenMap();
      let sum = 0;
      // The `time` wrapper itself is not part of the measured command.
      const stack = wrapped ? [...(kids.get(rootPid) ?? [])] : [rootPid];
      while (stack.length > 0) {
        const pid = /** @type {number} */ (stack.pop());
        const mem = memoryOf(pid);
        if (mem) {
          sum += mem.rss;
          hwmPeakKb = Math.max(hwmPeakKb, mem.hwm);
        }
        for (const k of kids.get(pid) ?? []) stack.push(k);
      }
      if (sum > 0) samples++;
      treePeakKb = Math.max(treePeakKb, sum);
    }
    const timer = setInterval(sample, POLL_MS);
    setImmediate(sample);

    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(timer);
      let singlePeakKb = hwmPeakKb;
      let exitCode = code;
      if (wrapped) {
        try {
          const text = fs.readFileSync(memFile, 'utf8').trim().split('\n');
          // GNU time prepends "Command exited with non-zero status N" when the command fails.
          const kb = Number.parseInt(text[text.length - 1], 10);
          if (Number.isFinite(kb)) singlePeakKb = Math.max(singlePeakKb, kb);
          const failed = /exited with non-zero status (\d+)/.exec(text.join('\n'));
          const killed = /terminated by signal (\d+)/.exec(text.join('\n'));
          if (failed) exitCode = Number(failed[1]);
          else if (killed) exitCode = 128 + Number(killed[1]);
        } catch {
          // no file: the command could not be started; its exit code says so
        }
        fs.rmSync(memFile, { force: true });
      }
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        resolve({
          wallMs,
          exitCode,
          signal,
          peakKb: Math.max(treePeakKb, singlePeakKb),
          treePeakKb,
          singlePeakKb,
          samples,
          stderrTail: stderr,
        });
      };
      // Let the last stderr bytes arrive before reporting, but do not wait on a grandchild that
      // inherited the pipe and outlives the command.
      if (child.stderr && !child.stderr.readableEnded) {
        child.stderr.once('end', finish);
        setTimeout(finish, 1000).unref();
      } else finish();
    });
  });
}

module.exports = { measure, findGnuTime };
