import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { FINDING_CODES, FINDING_KINDS, type FindingCode, type FindingSeverity } from '../catalog/findings';
import type { FileResult, RunReport } from '../runner/types';
import type { Finding } from '../types';
import { findingDocsUrl, type ReportContext } from './context';
import { changeHunks, type ChangeHunk } from './hunks';
import { formatFileError } from './json';

/** The rule of the results that stand for changes the migration would make. */
export const PENDING_CHANGE_RULE = 'pending-change';

/** The key of this tool's own fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'auth0MgmtCodemod/v1';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** README anchor of the section that explains the changes the transforms make. */
const CHANGES_ANCHOR = 'what-it-changes';

/** Relative URIs in this log are relative to the repository root. */
const SRCROOT = '%SRCROOT%';

function level(severity: FindingSeverity): Sarif.ReportingConfiguration.level {
  return severity === 'note' ? 'note' : 'warning';
}

/** `PascalCase` rule name from a kebab-case code, as SARIF viewers show `name`. */
function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

function findingRule(code: FindingCode, homepage: string): Sarif.ReportingDescriptor {
  const kind = FINDING_KINDS[code];
  const helpUri = findingDocsUrl(homepage, code);
  return {
    id: code,
    name: ruleName(code),
    shortDescription: { text: kind.title },
    fullDescription: { text: kind.meaning },
    help: {
      text: `${kind.meaning} What to do: ${kind.whatToDo}`,
      markdown: `${kind.meaning}\n\n**What to do:** ${kind.whatToDo}\n\n[More in the README](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: level(kind.severity) },
    properties: { tags: ['auth0', 'management-api', kind.severity === 'note' ? 'advice' : 'manual-review'] },
  };
}

function pendingChangeRule(homepage: string): Sarif.ReportingDescriptor {
  const helpUri = `${homepage.replace(/#.*$/, '')}#${CHANGES_ANCHOR}`;
  const meaning =
    'The migration would change this code: the login asks for a Management API access token, or the Management API call is given the access token instead of the ID token.';
  const whatToDo = 'Run auth0-mgmt-codemod (or apply the fix shown here) and commit the result.';
  return {
    id: PENDING_CHANGE_RULE,
    name: 'PendingChange',
    shortDescription: { text: 'Change the migration would make' },
    fullDescription: { text: meaning },
    help: { text: `${meaning} What to do: ${whatToDo}`, markdown: `${meaning}\n\n**What to do:** ${whatToDo}\n\n[More in the README](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['auth0', 'management-api', 'migration'] },
  };
}

/** The rules, one per finding code and one for pending changes; results point at them by index. */
function rules(homepage: string): Sarif.ReportingDescriptor[] {
  return [...FINDING_CODES.map((code) => findingRule(code, homepage)), pendingChangeRule(homepage)];
}

function uriOf(repositoryPath: string): string {
  return repositoryPath.split('/').map(encodeURIComponent).join('/');
}

function sha256(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

/**
 * Fingerprints that survive unrelated edits: built from what a result says and the text it points
 * at, never from line numbers, plus the result's rank among results that agree on all of that
 * (so two identical findings in one file stay apart).
 */
class Fingerprints {
  private readonly seen = new Map<string, number>();

  next(parts: readonly string[]): string {
    const base = sha256(parts);
    const occurrence = this.seen.get(base) ?? 0;
    this.seen.set(base, occurrence + 1);
    return `${base}:${occurrence}`;
  }
}

function lineText(text: string, line: number): string {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end);
}

function findingResult(file: FileResult, uri: string, finding: Finding, ruleIndex: number, fingerprints: Fingerprints): Sarif.Result {
  const kind = FINDING_KINDS[finding.code];
  const normalisedLine = lineText(file.before, finding.line).trim().replace(/\s+/g, ' ');
  return {
    ruleId: finding.code,
    ruleIndex,
    level: level(kind.severity),
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: SRCROOT },
          region: { startLine: finding.line, startColumn: finding.column },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.next([finding.code, uri, normalisedLine, finding.message]) },
    properties: { transform: finding.transform, ...(finding.cause !== undefined ? { cause: finding.cause } : {}) },
  };
}

function describeHunk(file: FileResult, hunk: ChangeHunk): string {
  const lines = hunk.firstLine === hunk.lastLine ? `line ${hunk.firstLine}` : `lines ${hunk.firstLine}-${hunk.lastLine}`;
  const by = file.transforms.length > 0 ? ` (${file.transforms.join(', ')})` : '';
  return `The migration would change ${lines}${by}.`;
}

function pendingChangeResult(file: FileResult, uri: string, hunk: ChangeHunk, ruleIndex: number, fingerprints: Fingerprints): Sarif.Result {
  const description = describeHunk(file, hunk);
  const removed = hunk.blocks.map((b) => b.removed).join('\n');
  const inserted = hunk.blocks.map((b) => b.inserted).join('\n');
  return {
    ruleId: PENDING_CHANGE_RULE,
    ruleIndex,
    level: 'warning',
    message: { text: description },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: SRCROOT },
          region: { startLine: hunk.firstLine, endLine: hunk.lastLine },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.next([PENDING_CHANGE_RULE, uri, removed, inserted]) },
    fixes: [
      {
        description: { text: description },
        artifactChanges: [
          {
            artifactLocation: { uri, uriBaseId: SRCROOT },
            replacements: hunk.blocks.map((block) => ({
              deletedRegion: { charOffset: block.offset, charLength: block.removed.length },
              ...(block.inserted !== '' ? { insertedContent: { text: block.inserted } } : {}),
            })),
          },
        ],
      },
    ],
    properties: { transforms: [...file.transforms] },
  };
}

/**
 * The run as a SARIF 2.1.0 log: one run whose tool has a rule per finding code (from the
 * catalog) and a `pending-change` rule. Findings become results of their code's rule; in a dry
 * or check run each hunk the migration would make becomes a `pending-change` result whose fix
 * carries the replacement. Files that could not be processed are tool execution notifications.
 */
export function toSarifLog(report: RunReport, context: ReportContext): Sarif.Log {
  const ruleList = rules(context.homepage);
  const indexOf = new Map(ruleList.map((rule, index) => [rule.id, index]));
  const fingerprints = new Fingerprints();
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const file of report.files) {
    const uri = uriOf(context.repositoryPath(file.absolutePath));
    for (const finding of file.findings) results.push(findingResult(file, uri, finding, indexOf.get(finding.code) as number, fingerprints));
    if (file.status === 'changed' && !file.written) {
      for (const hunk of changeHunks(file.before, file.after)) {
        results.push(pendingChangeResult(file, uri, hunk, indexOf.get(PENDING_CHANGE_RULE) as number, fingerprints));
      }
    }
    if (file.status === 'error' && file.error) {
      notifications.push({
        level: 'error',
        message: { text: formatFileError(file.error) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: SRCROOT },
              ...(file.error.line !== undefined ? { region: { startLine: file.error.line, startColumn: file.error.column ?? 1 } } : {}),
            },
          },
        ],
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: context.toolName,
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: context.homepage,
            rules: ruleList,
          },
        },
        invocations: [
          {
            executionSuccessful: report.totals.errors === 0 && !report.interrupted,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          mode: report.mode,
          transform: report.transform,
          packages: report.packages.map((p) => ({
            path: context.repositoryPath(path.resolve(context.cwd, p.path)),
            ...(p.name !== undefined ? { name: p.name } : {}),
            scopes: [...p.scopes],
            endpoints: [...p.endpoints],
          })),
        },
      },
    ],
  };
}
