import { structuredPatch } from 'diff';

/** Lines of unchanged context around each change, as `git diff` shows. */
const CONTEXT_LINES = 3;

/** One run of removed and added lines with no unchanged line between them. */
export interface ChangeBlock {
  /** 1-based first removed line of the old text; for a pure insertion, the line it goes before */
  oldLine: number;
  /** removed lines (0 for a pure insertion) */
  oldCount: number;
  /** offset in the old text of the removed text (where the insertion goes when nothing is removed) */
  offset: number;
  /** the removed text, line endings included */
  removed: string;
  /** the text put in its place, line endings included */
  inserted: string;
}

/** A hunk as `git diff` shows it: nearby changes with their context. */
export interface ChangeHunk {
  /** `@@ -a,b +c,d @@` */
  header: string;
  /** the hunk's diff lines, each with its ' ', '-', '+' or '\' prefix */
  lines: string[];
  /** the changes in it, in order */
  blocks: ChangeBlock[];
  /** 1-based first and last line of the old text that change (for a pure insertion, the line it goes before) */
  firstLine: number;
  lastLine: number;
}

/** Offsets at which each line of `text` starts, plus `text.length` at the end. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (starts[starts.length - 1] !== text.length) starts.push(text.length);
  return starts;
}

function slice(text: string, starts: readonly number[], firstLine: number, count: number): string {
  const from = starts[Math.min(firstLine - 1, starts.length - 1)];
  const to = starts[Math.min(firstLine - 1 + count, starts.length - 1)];
  return text.slice(from, to);
}

/**
 * The hunks that turn `before` into `after`. Each block's removed and inserted texts are exact
 * (CRLF line endings and a missing final newline included), so applying every block gives
 * `after` byte for byte.
 */
export function changeHunks(before: string, after: string): ChangeHunk[] {
  if (before === after) return [];
  const patch = structuredPatch('a', 'b', before, after, undefined, undefined, { context: CONTEXT_LINES });
  const oldStarts = lineStarts(before);
  const newStarts = lineStarts(after);
  return patch.hunks.map((hunk) => {
    const blocks: ChangeBlock[] = [];
    let oldLine = Math.max(hunk.oldStart, 1);
    let newLine = Math.max(hunk.newStart, 1);
    let open: { oldLine: number; newLine: number; oldCount: number; newCount: number } | undefined;
    const close = (): void => {
      if (!open) return;
      blocks.push({
        oldLine: open.oldLine,
        oldCount: open.oldCount,
        offset: oldStarts[Math.min(open.oldLine - 1, oldStarts.length - 1)],
        removed: slice(before, oldStarts, open.oldLine, open.oldCount),
        inserted: slice(after, newStarts, open.newLine, open.newCount),
      });
      open = undefined;
    };
    for (const line of hunk.lines) {
      const kind = line[0];
      if (kind === '\\') continue;
      if (kind === ' ') {
        close();
        oldLine++;
        newLine++;
        continue;
      }
      open ??= { oldLine, newLine, oldCount: 0, newCount: 0 };
      if (kind === '-') {
        open.oldCount++;
        oldLine++;
      } else {
        open.newCount++;
        newLine++;
      }
    }
    close();
    const first = blocks[0];
    const last = blocks[blocks.length - 1];
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    return {
      header: `@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@`,
      lines: hunk.lines,
      blocks,
      firstLine: first.oldLine,
      lastLine: last.oldLine + Math.max(last.oldCount, 1) - 1,
    };
  });
}

function range(start: number, lines: number): string {
  return lines === 1 ? `${start}` : `${start},${lines}`;
}

/** `before` with the changes of the given hunks (of `changeHunks(before, …)`) applied, and no others. */
export function applyHunks(before: string, hunks: readonly ChangeHunk[]): string {
  const blocks = hunks.flatMap((h) => h.blocks).sort((a, b) => b.offset - a.offset);
  let text = before;
  for (const block of blocks) text = text.slice(0, block.offset) + block.inserted + text.slice(block.offset + block.removed.length);
  return text;
}
