import type { FindingCode } from '../catalog/findings';

/**
 * Where the tool's documentation lives when package.json names no `homepage`: the package page,
 * which shows the README. Set `homepage` in package.json to point SARIF rules and report links
 * at the repository instead.
 */
export const DEFAULT_HOMEPAGE = 'https://www.npmjs.com/package/auth0-mgmt-codemod';

/** What the machine-readable and pull-request reports need beyond the run report itself. */
export interface ReportContext {
  toolName: string;
  toolVersion: string;
  /** absolute URL of the tool's documentation (its README) */
  homepage: string;
  /** the folder the run report's paths are relative to (absolute, real) */
  cwd: string;
  /** a file's path relative to the repository root (the run root without git), `/`-separated */
  repositoryPath(absolutePath: string): string;
  /**
   * An absolute link to a repository file, at a line when given (e.g. on GitHub at the commit
   * under test); absent when there is none, and reports link relative to the repository root.
   */
  link?(repositoryPath: string, line?: number): string;
}

/** The README section of a finding code: the README has one heading per code. */
export function findingDocsUrl(homepage: string, code: FindingCode): string {
  return `${homepage.replace(/#.*$/, '')}#${code}`;
}
