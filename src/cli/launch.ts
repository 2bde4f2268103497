import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * The bin's first step: start the CLI in a Node process whose V8 background pool fits the
 * threads the run will use.
 *
 * Node gives V8 four background threads (garbage collection and compilation for every isolate).
 * A run's own threads, the main thread and `--workers` − 1 workers, already keep the cores busy,
 * so those four only compete with them: on two cores the bench's 2,000-file run took 3.2 s with
 * four and 2.9 s with one (one thread: 2.9 s and 2.65 s). The pool size can only be set when Node
 * starts (`--v8-pool-size`), so the bin starts Node once more with it, which costs about 50 ms.
 *
 * Not done when Node was started with flags of its own (`node --inspect …`, `--cpu-prof`…), or
 * asked through NODE_OPTIONS to open an inspector: those belong to the caller's process, and a
 * second process would try to open the same inspector port.
 */
export function launch(entry: string, argv: readonly string[], start: () => void): void {
  if (process.execArgv.length > 0 || /--inspect/.test(process.env.NODE_OPTIONS ?? '')) {
    const launcher = Number(process.env[LAUNCHER_PID]);
    if (Number.isInteger(launcher) && launcher > 0) stopWithLauncher(launcher);
    start();
    return;
  }
  const pool = backgroundPoolSize(availableParallelism(), argv);
  // POSIX: the child gets a process group of its own, so a terminal's Ctrl-C reaches it once,
  // through the forwarding below, and never twice. Windows delivers Ctrl-C to every process of
  // the console, and a detached child there would open a console of its own.
  const posix = process.platform !== 'win32';
  const child = spawn(process.execPath, [`--v8-pool-size=${pool}`, entry, ...argv], {
    stdio: 'inherit',
    detached: posix,
    env: { ...process.env, [LAUNCHER_PID]: String(process.pid) },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (posix) child.kill(signal);
    });
  }
  if (posix) {
    // Ctrl-Z: stop the child too (a job-control stop would be discarded in its own session), then
    // this process, as the shell expects; `fg`/`bg` continue both.
    process.on('SIGTSTP', () => {
      child.kill('SIGSTOP');
      process.kill(process.pid, 'SIGSTOP');
    });
    process.on('SIGCONT', () => child.kill('SIGCONT'));
  }
  child.on('error', (error) => {
    process.stderr.write(`auth0-mgmt-codemod: cannot start: ${error.message}\n`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal, so a shell sees what the child saw.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

/** Set for the child: the launcher's pid. */
const LAUNCHER_PID = 'AUTH0_MGMT_CODEMOD_LAUNCHER_PID';

/**
 * In its own process group the child would outlive a launcher killed outright (`kill -9`, a CI
 * job cancelled): it stops as soon as it is no longer the launcher's child. Every write is
 * atomic, so stopping at any moment leaves each file whole.
 */
function stopWithLauncher(launcher: number): void {
  setInterval(() => {
    if (process.ppid !== launcher) process.exit(130);
  }, 500).unref();
}

/**
 * V8 background threads for a run of `--workers` threads (default: one per CPU) on `cpus` CPUs:
 * the CPUs the run leaves free, at least one and at most Node's default of four.
 */
export function backgroundPoolSize(cpus: number, argv: readonly string[]): number {
  const threads = requestedWorkers(argv) ?? cpus;
  return Math.max(1, Math.min(4, cpus - threads));
}

/** The value of `--workers N` / `--workers=N`, when given as a whole number. */
function requestedWorkers(argv: readonly string[]): number | undefined {
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag !== '--workers') continue;
    const value = Number(inline ?? argv[i + 1]);
    return Number.isInteger(value) && value >= 1 ? value : undefined;
  }
  return undefined;
}
