import { createInterface } from 'node:readline';
import { severityOf } from '../catalog/findings';
import type { FileResult, RunReport } from '../runner/types';
import { colorizeDiff } from '../reporter/diff';
import { applyHunks, changeHunks, type ChangeHunk } from '../reporter/hunks';
import type { Style } from '../reporter/style';

/**
 * What a hunk belongs to: refusing one hunk refuses every hunk of its units, because a flow
 * (login config → stored token → Management API call) migrated in part breaks the app. Until
 * edits carry the id of their flow, a package is the unit: its changes are taken as one flow.
 */
export type ReviewUnit = string;

/** The units of a hunk; the one place to change when edits carry flow ids. */
export function reviewUnitsOf(file: FileResult): ReviewUnit[] {
  return [file.packagePath];
}

export type Answer = 'y' | 'n' | 'a' | 'd' | 'q';

export interface ReviewHunk {
  file: FileResult;
  hunk: ChangeHunk;
  units: ReviewUnit[];
  /** 1-based position among its file's hunks */
  index: number;
  /** hunks in its file */
  total: number;
}

type HunkState = 'open' | 'accepted' | 'refused';

/**
 * The state of a review, apart from any terminal: which hunks are accepted or refused, which
 * units a refusal took down, and in the end the text each file gets.
 */
export class ReviewSession {
  readonly hunks: ReviewHunk[];
  private readonly state = new Map<ReviewHunk, HunkState>();
  private readonly refusedUnits = new Set<ReviewUnit>();
  /** files whose remaining hunks were accepted with `a` */
  private readonly acceptAllIn = new Set<FileResult>();
  private quit = false;

  constructor(files: readonly FileResult[], unitsOf: (file: FileResult) => ReviewUnit[] = reviewUnitsOf) {
    this.hunks = files
      .filter((f) => f.status === 'changed')
      .flatMap((file) => {
        const hunks = changeHunks(file.before, file.after);
        return hunks.map((hunk, i) => ({ file, hunk, units: unitsOf(file), index: i + 1, total: hunks.length }));
      });
    for (const hunk of this.hunks) this.state.set(hunk, 'open');
  }

  /** The next hunk that needs an answer, or undefined when the review is over. */
  next(): ReviewHunk | undefined {
    if (this.quit) return undefined;
    for (const hunk of this.hunks) {
      if (this.state.get(hunk) !== 'open') continue;
      if (hunk.units.some((u) => this.refusedUnits.has(u))) {
        this.state.set(hunk, 'refused');
        continue;
      }
      if (this.acceptAllIn.has(hunk.file)) {
        this.state.set(hunk, 'accepted');
        continue;
      }
      return hunk;
    }
    return undefined;
  }

  /** Records an answer; returns the units the answer refused (empty unless `n` or `d`). */
  answer(hunk: ReviewHunk, answer: Answer): ReviewUnit[] {
    switch (answer) {
      case 'y':
        this.state.set(hunk, 'accepted');
        return [];
      case 'a':
        this.state.set(hunk, 'accepted');
        this.acceptAllIn.add(hunk.file);
        return [];
      case 'n':
      case 'd': {
        this.state.set(hunk, 'refused');
        const newlyRefused = hunk.units.filter((u) => !this.refusedUnits.has(u));
        for (const unit of hunk.units) this.refusedUnits.add(unit);
        return newlyRefused;
      }
      case 'q':
        this.quit = true;
        return [];
    }
  }

  /** Hunks of a unit, and the files they are in. */
  extentOf(unit: ReviewUnit): { hunks: number; files: number } {
    const hunks = this.hunks.filter((h) => h.units.includes(unit));
    return { hunks: hunks.length, files: new Set(hunks.map((h) => h.file)).size };
  }

  /** A unit is written only when every one of its hunks was accepted. */
  private unitAccepted(unit: ReviewUnit): boolean {
    return this.hunks.every((h) => !h.units.includes(unit) || this.state.get(h) === 'accepted');
  }

  /** The units left as they were: refused, or not answered in full before `q`. */
  unitsLeftAlone(): ReviewUnit[] {
    const units = [...new Set(this.hunks.flatMap((h) => h.units))];
    return units.filter((u) => !this.unitAccepted(u));
  }

  /** The text a file gets: its accepted hunks whose units are accepted in full, nothing else. */
  textFor(file: FileResult): string {
    const hunks = this.hunks.filter((h) => h.file === file && h.units.every((u) => this.unitAccepted(u)));
    const all = this.hunks.filter((h) => h.file === file);
    if (hunks.length === all.length) return file.after;
    return applyHunks(file.before, hunks.map((h) => h.hunk));
  }
}

const HELP = [
  'y - apply this hunk',
  'n - do not apply this hunk (its whole package is then left as it was)',
  'a - apply this hunk and the rest of this file',
  'd - do not apply this hunk nor the rest of this file (its whole package is then left as it was)',
  'q - quit; only packages whose every hunk you accepted are written',
  '? - print this help',
].join('\n');

const ANSWERS = new Set(['y', 'n', 'a', 'd', 'q']);

export interface ReviewStreams {
  input: NodeJS.ReadableStream;
  output: { write(text: string): unknown };
  signal?: AbortSignal;
}

export interface ReviewOutcome {
  /** the units left as they were */
  leftAlone: ReviewUnit[];
  /** Ctrl-C or the end of input before the review was over: nothing should be written */
  interrupted: boolean;
}

function formatHunk(item: ReviewHunk, style: Style): string {
  const lines = [item.hunk.header, ...item.hunk.lines].join('\n');
  const findings = item.file.findings.filter((f) => isNear(f.line, item.hunk));
  const beside = findings.map((f) => `  ${style.yellow(`${severityOf(f.code) === 'note' ? 'note' : 'finding'} ${f.code}`)} line ${f.line}: ${f.message}`);
  return `${colorizeDiff(`${lines}\n`, style)}${beside.length > 0 ? `${beside.join('\n')}\n` : ''}`;
}

/** Findings this near a hunk's changed lines are shown beside it (a hunk's context is 3 lines). */
const NEAR_LINES = 3;

function isNear(line: number, hunk: ChangeHunk): boolean {
  return line >= hunk.firstLine - NEAR_LINES && line <= hunk.lastLine + NEAR_LINES;
}

function fileHeader(file: FileResult, hunks: readonly ChangeHunk[], style: Style): string {
  const lines = [style.bold(`${file.path}`) + style.dim(`  (package ${file.packagePath}; ${file.transforms.join(', ')})`)];
  const outside = file.findings.filter((f) => !hunks.some((h) => isNear(f.line, h)));
  for (const f of outside) lines.push(`  ${style.yellow(`${severityOf(f.code) === 'note' ? 'note' : 'finding'} ${f.code}`)} line ${f.line}: ${f.message}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Asks about each hunk of the report's changed files, like `git add -p`, and sets each file's
 * new text to what was accepted (a file with nothing accepted becomes unchanged). Answers are
 * read a line at a time; the end of input quits like `q`, and Ctrl-C ends the review with
 * nothing to write.
 */
export async function reviewHunks(report: RunReport, streams: ReviewStreams, style: Style): Promise<ReviewOutcome> {
  const session = new ReviewSession(report.files);
  const { output } = streams;
  const reader = createInterface({ input: streams.input, terminal: false });
  const lines = reader[Symbol.asyncIterator]();
  const onAbort = (): void => reader.close();
  streams.signal?.addEventListener('abort', onAbort);
  let interrupted = false;
  try {
    if (session.hunks.length > 0) {
      output.write(
        `${style.bold('Review')}: ${plural(session.hunks.length, 'hunk')}. The changes of a package form one flow (login config, stored token, Management API call), and half a flow breaks the app: refusing any hunk of a package leaves the whole package as it was.\n`,
      );
    }
    let shownFile: FileResult | undefined;
    for (let item = session.next(); item !== undefined; item = session.next()) {
      if (item.file !== shownFile) {
        const file = item.file;
        output.write(`\n${fileHeader(file, session.hunks.filter((h) => h.file === file).map((h) => h.hunk), style)}`);
        shownFile = item.file;
      }
      output.write(formatHunk(item, style));
      let answer: Answer | undefined;
      while (answer === undefined) {
        output.write(style.cyan(`(${item.index}/${item.total}) Apply this hunk [y,n,a,d,q,?]? `));
        const next = await lines.next();
        if (next.done === true) {
          // The end of input (Ctrl-D) quits as `q` does; Ctrl-C (the signal) writes nothing.
          answer = 'q';
          interrupted = streams.signal?.aborted === true;
          break;
        }
        const typed = String(next.value).trim().toLowerCase().slice(0, 1);
        if (ANSWERS.has(typed)) answer = typed as Answer;
        else output.write(`${HELP}\n`);
      }
      for (const unit of session.answer(item, answer)) {
        const { hunks, files } = session.extentOf(unit);
        output.write(
          style.yellow(`Package ${unit} is left as it was: none of its ${plural(hunks, 'hunk')} in ${plural(files, 'file')} will be applied (one flow, whole or not at all).\n`),
        );
      }
    }
  } finally {
    streams.signal?.removeEventListener('abort', onAbort);
    reader.close();
  }
  if (interrupted || streams.signal?.aborted === true) return { leftAlone: session.unitsLeftAlone(), interrupted: true };
  for (const file of report.files) {
    if (file.status !== 'changed') continue;
    const text = session.textFor(file);
    file.after = text;
    if (text === file.before) {
      file.status = 'unchanged';
      file.transforms = [];
    }
  }
  report.totals.changed = report.files.filter((f) => f.status === 'changed').length;
  report.totals.unchanged = report.files.filter((f) => f.status === 'unchanged').length;
  return { leftAlone: session.unitsLeftAlone(), interrupted: false };
}

function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}
