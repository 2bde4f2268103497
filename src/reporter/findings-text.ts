import { adviceFor, docsLink, FINDING_CODES, type FindingCode, severityOf } from '../catalog/findings';
import { quotePatchPath as show, terminalText as clean } from './quote';
import type { Finding } from '../types';
import type { FileResult } from '../runner/types';
import { capped, count, FINDINGS_PER_CODE, wrapLine } from './layout';
import type { Style } from './style';

/**
 * The findings block of the summary: one group per code (its count and README anchor, its first
 * places, then what to do), the advice written for each cause that occurred. Notes (advice about
 * a migrated flow, never blocking) form a block of their own below the findings.
 */

export interface PlacedFinding {
  file: FileResult;
  finding: Finding;
}

export interface FindingsTextOptions {
  width: number | undefined;
  verbose: boolean;
}

/** Every finding of the report, in file order, split into open findings (warnings) and notes. */
export function placedFindings(files: readonly FileResult[]): { warnings: PlacedFinding[]; notes: PlacedFinding[] } {
  const warnings: PlacedFinding[] = [];
  const notes: PlacedFinding[] = [];
  for (const file of files) {
    for (const finding of file.findings) (severityOf(finding.code) === 'note' ? notes : warnings).push({ file, finding });
  }
  return { warnings, notes };
}

/** Lines of the findings and notes blocks (empty when there are none). */
export function formatFindingBlocks(files: readonly FileResult[], style: Style, options: FindingsTextOptions): string[] {
  const { warnings, notes } = placedFindings(files);
  const lines: string[] = [];
  if (warnings.length > 0) {
    const places = warnings.length === 1 ? 'place left as it was' : 'places left as they were';
    lines.push('', style.bold(`Findings: ${count(warnings.length)} ${places}, for a person to decide`));
    lines.push(...formatGroups(warnings, style, options));
  }
  if (notes.length > 0) {
    lines.push('', style.bold(`Notes: migrated, but mind ${notes.length === 1 ? 'this' : 'these'} (they never fail --check)`));
    lines.push(...formatGroups(notes, style, options));
  }
  return lines;
}

function formatGroups(placed: readonly PlacedFinding[], style: Style, options: FindingsTextOptions): string[] {
  const lines: string[] = [];
  for (const code of FINDING_CODES) {
    const group = placed.filter((p) => p.finding.code === code);
    if (group.length > 0) lines.push(...formatGroup(code, group, style, options));
  }
  return lines;
}

function formatGroup(code: FindingCode, group: readonly PlacedFinding[], style: Style, options: FindingsTextOptions): string[] {
  const color = severityOf(code) === 'note' ? style.cyan : style.yellow;
  const lines = ['', `  ${color(code)} ${style.dim(`(${count(group.length)})`)}  ${style.dim(docsLink(code))}`];
  const { shown, rest } = capped(group, FINDINGS_PER_CODE, options.verbose);
  let previous: string | undefined;
  for (const { file, finding } of shown) {
    // On a large tree many places share one message: it is printed once, at the first of them.
    const message = finding.message === previous ? style.dim('(the same message)') : clean(finding.message);
    lines.push(wrapLine(`    ${show(file.path)}:${finding.line}:${finding.column}  `, message, options.width));
    previous = finding.message;
  }
  if (rest > 0) lines.push(style.dim(`    … ${count(rest)} more (--verbose lists every one)`));

  // One piece of advice per cause that occurred, in order of first appearance; findings without
  // a cause (or with one written for another code) share the code's own advice.
  const byAdvice = new Map<string, { label: string | null; advice: string; n: number }>();
  for (const { finding } of group) {
    const { label, advice } = adviceFor(code, finding.cause);
    const entry = byAdvice.get(advice) ?? { label, advice, n: 0 };
    entry.n++;
    byAdvice.set(advice, entry);
  }
  lines.push('    What to do:');
  const entries = [...byAdvice.values()];
  for (const { label, advice, n } of entries) {
    const bulleted = entries.length > 1 || label !== null;
    const lead = bulleted ? `      - ${label ?? 'other cases'} (${count(n)}): ` : '      ';
    // A bullet's text continues under the text after its dash; plain advice under itself.
    lines.push(wrapLine(lead, advice, options.width, bulleted ? 8 : 6));
  }
  return lines;
}

/** Open places of a run, one short line each: findings, files that failed, files not processed. */
export function remainingPlaces(files: readonly FileResult[]): string[] {
  const places: string[] = [];
  for (const file of files) {
    if (file.status === 'error') places.push(`${show(file.path)}  error: ${clean(file.error?.message ?? 'failed')}`);
    else if (file.status === 'skipped') places.push(`${show(file.path)}  not processed (the run was interrupted)`);
    for (const finding of file.findings) {
      if (severityOf(finding.code) === 'warning') places.push(`${show(file.path)}:${finding.line}:${finding.column}  ${finding.code}`);
    }
  }
  return places;
}
