/**
 * Fitting the summary to the reader: lines wrapped to the terminal's width, and long lists cut
 * to their first entries with a count of the rest.
 */

/** How many entries a list shows before "… N more" (`--verbose` shows them all). */
export const LIST_LIMIT = 10;
/** How many findings of one code are listed before "… N more". */
export const FINDINGS_PER_CODE = 5;

/** Narrower than this, wrapping does more harm than good. */
const MIN_WIDTH = 40;

/**
 * The width to wrap the summary to: the terminal's, or `COLUMNS` when set (a log viewer, a test);
 * undefined (no wrapping) when the output is a file or a pipe, so each line stays greppable.
 */
export function outputWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number | undefined {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return Math.max(MIN_WIDTH, fromEnv);
  if (stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0) return Math.max(MIN_WIDTH, stream.columns);
  return undefined;
}

// Select Graphic Rendition sequences, the only escapes the reporters write.
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** Characters a line takes on screen (colour codes take none). */
export function visibleLength(text: string): number {
  return text.replace(SGR, '').length;
}

/**
 * `lead` followed by `body`, wrapped at spaces to `width` columns. Continuation lines are indented
 * by `indent` when given, else to where the body starts (by 6 when the lead is wider than half
 * the line). A word longer than a line (a path, a URL) is never broken. Without a width, one line.
 */
export function wrapLine(lead: string, body: string, width: number | undefined, indent?: number): string {
  if (width === undefined || visibleLength(lead) + visibleLength(body) <= width) return lead + body;
  const leadWidth = visibleLength(lead);
  indent ??= leadWidth <= width / 2 ? leadWidth : Math.min(6, leadWidth);
  const lines: string[] = [];
  let current = lead;
  let currentWidth = leadWidth;
  // A lead of its own (a path, a label) may be followed by a line break; bare indentation not.
  let empty = lead.trim() === '';
  let gap = '';
  // Words and the runs of spaces between them: a run is kept inside a line (two spaces stay
  // two) and dropped where the line breaks.
  for (const token of body.split(/( +)/)) {
    if (token === '') continue;
    if (token.startsWith(' ')) {
      gap = token;
      continue;
    }
    const wordWidth = visibleLength(token);
    if (!empty && currentWidth + gap.length + wordWidth > width) {
      lines.push(current.trimEnd());
      current = ' '.repeat(indent) + token;
      currentWidth = indent + wordWidth;
    } else {
      current += empty ? token : gap + token;
      currentWidth += (empty ? 0 : gap.length) + wordWidth;
      empty = false;
    }
    gap = '';
  }
  lines.push(current);
  return lines.join('\n');
}

/**
 * Every line of `text` that is wider than `width`, wrapped with continuation lines indented as
 * the line itself is: the last pass over a block whose long lines have no finer rule.
 */
export function wrapBlock(text: string, width: number | undefined): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .map((line) => {
      if (visibleLength(line) <= width) return line;
      const indent = /^ */.exec(line)?.[0] ?? '';
      return wrapLine(indent, line.slice(indent.length), width, indent.length);
    })
    .join('\n');
}

/** The first `limit` items, or all of them when `verbose`; `rest` counts what was left out. */
export function capped<T>(items: readonly T[], limit: number, verbose: boolean): { shown: readonly T[]; rest: number } {
  if (verbose || items.length <= limit) return { shown: items, rest: 0 };
  return { shown: items.slice(0, limit), rest: items.length - limit };
}

/**
 * `1,234`: counts in a large tree are easier to read with separators. (Not toLocaleString: its
 * locale data costs a few megabytes of memory for a comma.)
 */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
