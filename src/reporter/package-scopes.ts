import type { PackageSummary } from '../runner/types';

/**
 * What to say for a package whose configs now request no scope: either nothing there calls the
 * Management API, or its calls belong to a flow that was left alone because a link of it is
 * blocked (the finding at that link says what to do).
 */
export function noScopesReason(pkg: PackageSummary): string {
  if (pkg.flows.some((flow) => flow.status === 'blocked')) return 'none yet: a token flow is blocked and was left alone (see the findings)';
  return 'none: no Management API call, left alone';
}
