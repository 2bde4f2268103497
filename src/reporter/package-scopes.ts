import type { PackageSummary } from '../runner/types';

/**
 * What to say for a package whose configs now request no scope: its calls belong to a flow that
 * was left alone because a link of it is blocked (the finding at that link says what to do), its
 * calls use a token that is no user's ID token, or nothing there calls the Management API.
 */
export function noScopesReason(pkg: PackageSummary): string {
  if (pkg.flows.some((flow) => flow.status === 'blocked')) return 'none yet: a token flow is blocked and was left alone (see the findings)';
  if (pkg.endpoints.length > 0) return 'none: its Management API calls send no ID token (an API or machine-to-machine token), nothing to migrate';
  return 'none: no Management API call, left alone';
}
