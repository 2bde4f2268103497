import { structuredPatch } from 'diff';
import { quotePatchPath } from './quote';
import type { Style } from './style';

/** Lines of unchanged context around each change, as `git diff` shows. */
const CONTEXT_LINES = 3;

/**
 * A git-style unified diff of one file, with `a/` and `b/` prefixes on `relativePath` (relative
 * to the directory `git apply` will run in). Line endings are part of each line, so CRLF lines
 * come out as CRLF lines, and a missing final newline is marked `\ No newline at end of file`:
 * applying the patch gives back `after` byte for byte. Empty when nothing changed.
 */
export function unifiedDiff(relativePath: string, before: string, after: string): string {
  if (before === after) return '';
  const patch = structuredPatch(`a/${relativePath}`, `b/${relativePath}`, before, after, undefined, undefined, {
    context: CONTEXT_LINES,
  });
  const a = quotePatchPath(`a/${relativePath}`);
  const b = quotePatchPath(`b/${relativePath}`);
  const out = [`diff --git ${a} ${b}`, `--- ${a}`, `+++ ${b}`];
  for (const hunk of patch.hunks) {
    // Unified diff counts an empty range from the line before it.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    out.push(`@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@`);
    out.push(...hunk.lines);
  }
  return `${out.join('\n')}\n`;
}

function range(start: number, lines: number): string {
  return lines === 1 ? `${start}` : `${start},${lines}`;
}

/** Colours a patch for a terminal (removed red, added green, hunk headers cyan, file headers bold). */
export function colorizeDiff(patch: string, style: Style): string {
  if (!style.enabled || patch === '') return patch;
  // `--- ` and `+++ ` are file headers only before a file's first hunk; inside a hunk they are
  // a removed `-- ` line and an added `++ ` line.
  let inHeader = false;
  return patch
    .split('\n')
    .map((line) => {
      // A CRLF line keeps its carriage return outside the colour codes.
      const cr = line.endsWith('\r') ? '\r' : '';
      const body = cr ? line.slice(0, -1) : line;
      if (body.startsWith('diff --git ')) inHeader = true;
      else if (body.startsWith('@@')) inHeader = false;
      if (inHeader) return style.bold(body) + cr;
      if (body.startsWith('@@')) return style.cyan(body) + cr;
      if (body.startsWith('+')) return style.green(body) + cr;
      if (body.startsWith('-')) return style.red(body) + cr;
      if (body.startsWith('\\')) return style.dim(body) + cr;
      return line;
    })
    .join('\n');
}
