import { availableParallelism, constants } from 'node:os';
import { EXIT_ERROR, EXIT_INTERRUPTED } from '../reporter/exit-code';
import { runCli, type OutputStream } from './cli';

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0 || stream.destroyed) resolve();
    else stream.write('', () => resolve());
  });
}

/** Signals that ask the run to stop: Ctrl-C, `kill`, a closed terminal. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * stdout for the run. Once its reader has gone (`… --dry | head -1`) nothing more is written
 * there, but the run goes on and ends with its own exit code: a pipeline under `set -o pipefail`
 * must still see a pending `--check` (1) or a failure (2).
 */
function guardedStdout(): OutputStream {
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return {
    get isTTY() {
      return process.stdout.isTTY;
    },
    get columns() {
      return process.stdout.columns;
    },
    write: (text: string) => (closed ? true : process.stdout.write(text)),
  };
}

/**
 * The bin's entry point and the only place that exits the process. The first stop signal
 * (Ctrl-C, SIGTERM, SIGHUP) stops handing out work and lets the write in progress finish, then
 * the report says what was and was not written; a second one quits at once. Writes are
 * synchronous, so a signal is only ever handled between two of them: no temporary file is left
 * behind and no file is half-written. The exit code is 128 + the signal's number.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const controller = new AbortController();
  let stoppedBy: StopSignal | null = null;
  const onSignal = (signal: StopSignal): void => {
    if (stoppedBy !== null) process.exit(128 + constants.signals[signal]);
    stoppedBy = signal;
    controller.abort();
    process.stderr.write('\nStopping after the file in progress (send it again to quit at once)…\n');
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);

  let code: number;
  try {
    code = await runCli(argv, {
      stdin: process.stdin,
      stdout: guardedStdout(),
      stderr: process.stderr,
      env: process.env,
      cwd: process.cwd(),
      defaultWorkers: availableParallelism(),
      signal: controller.signal,
    });
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`auth0-mgmt-codemod: internal error: ${detail}\n`);
    code = EXIT_ERROR;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
  if (code === EXIT_INTERRUPTED && stoppedBy !== null) code = 128 + constants.signals[stoppedBy as StopSignal];
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  process.exit(code);
}
