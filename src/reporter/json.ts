import type { FindingCode, TransformId } from '../types';
import type { FileError, FileSkipReason, FileStatus, RunReport, RunTotals } from '../runner/types';
import { unifiedDiff } from './diff';
import type { FlowSummary } from '../plan/types';
import { docsLink, type FindingSeverity, severityOf } from '../catalog/findings';

/** The `--json` report, version 1. Its keys are a contract (DESIGN.md); add, never rename. */
export interface JsonReportV1 {
  version: 1;
  totals: RunTotals;
  /** `name`: the package's name (workspace package, package.json or bower.json), null when it has none */
  packages: { path: string; name: string | null; scopes: string[]; endpoints: string[]; flows: FlowSummary[] }[];
  files: JsonFileV1[];
  /** set when a write run wrote nothing because it refused the files listed here */
  refusal: { reason: string; paths: string[] } | null;
}

export interface JsonFileV1 {
  /** relative to the repository root like `git diff` (without git: the run root), `/`-separated */
  path: string;
  status: FileStatus;
  /** transforms that changed the file */
  transforms: TransformId[];
  findings: {
    code: FindingCode;
    transform: TransformId;
    line: number;
    column: number;
    message: string;
    /** `warning` (fails --check) or `note` (never does) */
    severity: FindingSeverity;
    /** why, more precisely than the code; null when the code says it all */
    cause: string | null;
    /** where the code is explained: `README.md#<code>`, the README that ships with this package */
    docs: string;
  }[];
  /** with --dry, the file's unified diff when it changed; otherwise null */
  patch: string | null;
  /** why the file could not be processed or written, `line:column message` when it has a place */
  error: string | null;
  /** with status `skipped`: why (see FileSkipReason); otherwise null */
  reason: FileSkipReason | null;
}

export function formatFileError(error: FileError): string {
  return error.line !== undefined ? `${error.line}:${error.column ?? 1} ${error.message}` : error.message;
}

export function toJsonReport(report: RunReport, options: { patches: boolean }): JsonReportV1 {
  return {
    version: 1,
    totals: { ...report.totals },
    packages: report.packages.map((p) => ({
      path: p.path,
      name: p.name ?? null,
      scopes: [...p.scopes],
      endpoints: [...p.endpoints],
      flows: [...p.flows],
    })),
    files: report.files.map((file) => ({
      path: file.path,
      status: file.status,
      transforms: [...file.transforms],
      findings: file.findings.map((f) => ({
        code: f.code,
        transform: f.transform,
        line: f.line,
        column: f.column,
        message: f.message,
        severity: severityOf(f.code),
        cause: f.cause ?? null,
        docs: docsLink(f.code),
      })),
      patch: options.patches && file.status === 'changed' ? unifiedDiff(file.path, file.before, file.after) : null,
      error: file.error ? formatFileError(file.error) : null,
      reason: file.status === 'skipped' ? (file.skipReason ?? null) : null,
    })),
    refusal: report.refusedDirty.length > 0 ? { reason: report.refusedBecause ?? 'refused', paths: [...report.refusedDirty] } : null,
  };
}
