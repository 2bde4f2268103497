import { docsLink, FINDING_CODES } from '../catalog/findings';
import { TODO_PREFIX } from '../transform-kit';
import type { RunReport } from '../runner/types';
import { placedFindings } from './findings-text';
import { FINDINGS_PER_CODE, LIST_LIMIT, wrapLine } from './layout';
import type { Style } from './style';

/** What the command line was asked for, as far as the next step depends on it. */
export interface NextStepContext {
  /** the diff went to stdout (`--dry`, text output) */
  diffPrinted: boolean;
  todoComments: boolean;
  verbose: boolean;
  width?: number;
}

/**
 * One line per thing to do next, as ESLint ends with "fixable with --fix": how to apply a dry
 * run, how to review and gate a write run, and where the findings are explained. Empty after an
 * interrupted run, whose summary says what was and was not done.
 */
export function formatNextLines(report: RunReport, style: Style, context: NextStepContext): string {
  if (report.interrupted) return '';
  const lines: string[] = [];
  const add = (text: string): void => {
    lines.push(wrapLine('  ', text, context.width));
  };
  const pending = report.files.filter((f) => f.status === 'changed' && !f.written).length;
  const written = report.files.filter((f) => f.written).length;
  const { warnings } = placedFindings(report.files);

  if (report.mode === 'dry' && pending > 0) {
    add(
      context.diffPrinted
        ? 'Apply exactly this diff: run the same command with "> migration.patch" added, review the file, then "git apply migration.patch". Or run it again without --dry, which writes the same changes.'
        : 'Write these changes: run the same command without --dry (add --json for a report, or leave --json out to get a diff for git apply).',
    );
  }
  if (report.mode === 'check' && pending > 0) {
    add('See the changes as a diff with --dry instead of --check; write them by running the same command without --check.');
  }
  if (written > 0) {
    add('Review what was written with "git diff", commit it, and let CI keep it so with "auth0-mgmt-codemod --check" (exit 1 while anything is left).');
  }
  if (warnings.length > 0) {
    const codes = FINDING_CODES.filter((code) => warnings.some((w) => w.finding.code === code));
    add(`Each finding's code is explained in this package's README under its own heading: ${codes.map(docsLink).join(', ')}.`);
    if (context.todoComments && written > 0) {
      add(`The findings are marked in the code: grep -rn '${TODO_PREFIX}'.`);
    } else if (!context.todoComments) {
      add(
        `To mark each finding in the code, run without --dry or --check and with --todo-comments (a "// ${TODO_PREFIX} …" comment above each); ` +
          'to silence one you have dealt with, put auth0-mgmt-codemod-ignore in a comment on its line.',
      );
    }
  }
  const cut =
    !context.verbose &&
    (report.files.filter((f) => f.status === 'changed').length > LIST_LIMIT ||
      report.files.filter((f) => f.status === 'error').length > LIST_LIMIT ||
      report.packages.length > LIST_LIMIT ||
      FINDING_CODES.some((code) => report.files.reduce((n, f) => n + f.findings.filter((x) => x.code === code).length, 0) > FINDINGS_PER_CODE));
  if (cut) add('Some lists above were cut short: --verbose shows every file, finding and package.');
  if (lines.length === 0) return '';
  return `${style.bold('Next:')}\n${lines.join('\n')}\n`;
}
