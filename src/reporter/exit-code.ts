import type { RunReport } from '../runner/types';

/** Exit codes (DESIGN.md "Command line"). */
export const EXIT_OK = 0;
/** `--check`: a file would change, or a finding is open. */
export const EXIT_PENDING = 1;
/** A usage error, or a file that could not be parsed, transformed or written. */
export const EXIT_ERROR = 2;
/** Stopped by Ctrl-C (128 + SIGINT, as shells report it). */
export const EXIT_INTERRUPTED = 130;

/**
 * A skipped file that matters (named on the command line, or holding Auth0 text) is work left
 * undone: `--check` reports it as pending, any other run as a failure.
 */
export function exitCodeFor(report: RunReport, check: boolean): number {
  if (report.refusedDirty.length > 0) return EXIT_ERROR;
  if (report.interrupted) return EXIT_INTERRUPTED;
  if (report.totals.errors > 0) return EXIT_ERROR;
  if (check && (report.totals.changed > 0 || report.totals.findings > 0 || report.totals.skipped > 0)) return EXIT_PENDING;
  if (report.totals.skipped > 0) return EXIT_ERROR;
  return EXIT_OK;
}
