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
  const oldFileLines = before.split('\n');
  for (const hunk of patch.hunks) {
    // Unified diff counts an empty range from the line before it.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    const context = functionContext(oldFileLines, hunk.oldStart - 1);
    out.push(`@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@${context === '' ? '' : ` ${context}`}`);
    out.push(...hunk.lines);
  }
  return `${out.join('\n')}\n`;
}

/** Git keeps at most this many bytes of a function-context line. */
const FUNCTION_CONTEXT_BYTES = 80;

/**
 * The text `git diff` prints after a hunk's `@@ … @@` when no diff driver is configured for the
 * file (git has none for JavaScript): the nearest line above the hunk that starts with a letter,
 * `_` or `$` (a function, class or variable at the top level, as a rule), cut to 80 bytes, with
 * trailing white space removed. Empty when there is none.
 */
export function functionContext(oldFileLines: readonly string[], hunkStartIndex: number): string {
  for (let i = Math.min(hunkStartIndex, oldFileLines.length) - 1; i >= 0; i--) {
    const line = oldFileLines[i];
    if (!/^[A-Za-z_$]/.test(line)) continue;
    const bytes = Buffer.from(line, 'utf8');
    // A character cut in two at the byte limit is left out rather than mangled.
    const cut = bytes.length > FUNCTION_CONTEXT_BYTES ? new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, FUNCTION_CONTEXT_BYTES)).replace(/\uFFFD$/, '') : line;
    return cut.replace(/[ \t\n\v\f\r]+$/, '');
  }
  return '';
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
