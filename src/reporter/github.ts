import { FINDING_KINDS, severityOf } from '../catalog/findings';
import type { RunReport } from '../runner/types';
import type { ReportContext } from './context';
import { changeHunks } from './hunks';

/** GitHub shows at most this many annotations of each type (warning, error, notice) per step. */
export const ANNOTATIONS_PER_STEP = 10;

/** Lines of a pending change quoted in its annotation; the job summary has the whole diff. */
const QUOTED_LINES = 12;

type AnnotationType = 'error' | 'warning' | 'notice';

interface Annotation {
  type: AnnotationType;
  file: string;
  line: number;
  endLine?: number;
  col?: number;
  title: string;
  message: string;
}

/** Workflow-command data: `%`, CR and LF escaped as GitHub's toolkit does. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values: data escaping plus `:` and `,`, which end a property. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(annotation: Annotation): string {
  const properties = [
    `file=${escapeProperty(annotation.file)}`,
    `line=${annotation.line}`,
    ...(annotation.endLine !== undefined && annotation.endLine !== annotation.line ? [`endLine=${annotation.endLine}`] : []),
    ...(annotation.col !== undefined ? [`col=${annotation.col}`] : []),
    `title=${escapeProperty(annotation.title)}`,
  ];
  return `::${annotation.type} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

function quoteHunk(lines: readonly string[]): string {
  const changed = lines.filter((line) => line.startsWith('-') || line.startsWith('+')).map((line) => line.replace(/\r$/, ''));
  const shown = changed.slice(0, QUOTED_LINES);
  if (changed.length > shown.length) shown.push(`… ${changed.length - shown.length} more lines`);
  return shown.join('\n');
}

/**
 * Every annotation of the run, most important first within each type: open findings, then the
 * changes the migration would make (dry and check runs), then notes; files that could not be
 * processed are errors.
 */
function annotationsOf(report: RunReport, context: ReportContext): Annotation[] {
  const findings: Annotation[] = [];
  const pending: Annotation[] = [];
  const notes: Annotation[] = [];
  const errors: Annotation[] = [];
  for (const file of report.files) {
    const repoPath = context.repositoryPath(file.absolutePath);
    for (const finding of file.findings) {
      const kind = FINDING_KINDS[finding.code];
      const annotation: Annotation = {
        type: severityOf(finding.code) === 'note' ? 'notice' : 'warning',
        file: repoPath,
        line: finding.line,
        col: finding.column,
        title: `${finding.code}: ${kind.title}`,
        message: `${finding.message}\nWhat to do: ${kind.whatToDo}`,
      };
      (annotation.type === 'notice' ? notes : findings).push(annotation);
    }
    if (file.status === 'changed' && !file.written) {
      const by = file.transforms.join(', ');
      for (const hunk of changeHunks(file.before, file.after)) {
        pending.push({
          type: 'warning',
          file: repoPath,
          line: hunk.firstLine,
          endLine: hunk.lastLine,
          title: `pending-change: ${by || 'migration'}`,
          message: `The migration would change this; run auth0-mgmt-codemod and commit the result:\n${quoteHunk(hunk.lines)}`,
        });
      }
    }
    if (file.status === 'error' && file.error) {
      errors.push({
        type: 'error',
        file: repoPath,
        line: file.error.line ?? 1,
        ...(file.error.column !== undefined ? { col: file.error.column } : {}),
        title: 'auth0-mgmt-codemod could not process this file',
        message: file.error.message,
      });
    }
  }
  return [...errors, ...findings, ...pending, ...notes];
}

/**
 * GitHub Actions workflow commands for the run: one annotation per finding, pending change and
 * file error. GitHub shows only ANNOTATIONS_PER_STEP of each type, so beyond that the most
 * important ones are printed and the last shown annotation of that type gives the count of the rest.
 */
export function githubAnnotations(report: RunReport, context: ReportContext): string {
  const all = annotationsOf(report, context);
  const lines: string[] = [];
  for (const type of ['error', 'warning', 'notice'] as const) {
    const ofType = all.filter((a) => a.type === type);
    if (ofType.length <= ANNOTATIONS_PER_STEP) {
      lines.push(...ofType.map(command));
      continue;
    }
    const shown = ofType.slice(0, ANNOTATIONS_PER_STEP - 1);
    lines.push(...shown.map(command));
    const rest = ofType.length - shown.length;
    lines.push(`::${type} title=${escapeProperty(`${context.toolName}: ${rest} more`)}::${escapeData(`${rest} more ${type === 'notice' ? 'notes' : type === 'error' ? 'files that could not be processed' : 'findings and pending changes'} are not annotated (GitHub shows ${ANNOTATIONS_PER_STEP} per step); the job summary lists them all.`)}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
