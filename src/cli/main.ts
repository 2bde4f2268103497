import { availableParallelism } from 'node:os';
import { EXIT_ERROR, EXIT_INTERRUPTED } from '../reporter/exit-code';
import { runCli } from './cli';

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}

/**
 * The bin's entry point and the only place that exits the process. The first Ctrl-C stops
 * handing out work and lets writes in progress finish (the report says what was done); a second
 * one quits at once, which an atomic write survives (old file or new file, never half of one).
 */
export async function main(argv: readonly string[]): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    controller.abort();
    process.stderr.write('\nStopping after the files in progress (Ctrl-C again to quit at once)…\n');
  };
  process.on('SIGINT', onInterrupt);
  // `… --dry | head` closes the pipe early; that ends the run quietly instead of crashing it.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });

  let code: number;
  try {
    code = await runCli(argv, {
      stdin: process.stdin,
      stdout: process.stdout,
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
    process.off('SIGINT', onInterrupt);
  }
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  process.exit(code);
}
