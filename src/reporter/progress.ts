import type { RunEvent, RunPhase } from '../runner/types';
import { count } from './layout';

/** Quick runs finish before a progress line would help; it appears only after this long. */
export const PROGRESS_DELAY_MS = 1000;
/** Redraw at most this often. */
const REDRAW_EVERY_MS = 100;

const PHASE_LABEL: Record<RunPhase, string> = {
  discover: 'finding files',
  read: 'reading',
  scan: 'parsing',
  transform: 'transforming',
  write: 'writing',
};

interface Output {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * One self-overwriting status line on stderr for runs longer than a second, on a terminal
 * only (in a CI log every redraw would become a line of its own).
 */
export class ProgressLine {
  private readonly started: number;
  private lastDraw = 0;
  private visible = false;

  constructor(
    private readonly out: Output,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  readonly onEvent = (event: RunEvent): void => {
    if (this.out.isTTY !== true) return;
    if (event.type !== 'progress' && event.type !== 'phase') return;
    const now = this.now();
    if (now - this.started < PROGRESS_DELAY_MS || now - this.lastDraw < REDRAW_EVERY_MS) return;
    this.lastDraw = now;
    const label = PHASE_LABEL[event.phase];
    // Parsing and transforming count candidates, the files the summary counts as such.
    const unit = event.phase === 'scan' || event.phase === 'transform' ? ' candidates' : ' files';
    const text = event.type === 'progress' ? `${label} ${count(event.done)}/${count(event.total)}${unit}` : `${label}…`;
    this.out.write(`\r\u001b[2K${text}`);
    this.visible = true;
  };

  /** Removes the line so the summary starts on a clean one. */
  clear(): void {
    if (!this.visible) return;
    this.out.write('\r\u001b[2K');
    this.visible = false;
  }
}
