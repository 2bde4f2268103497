/**
 * The cheap text test a file must pass before it is parsed. Every construct any transform or the
 * package scan looks at contains one of these substrings, so a file without them cannot change.
 * `id_token` / `idToken` bring in the files of a token flow that name no Auth0 API: a wrapper
 * that signs requests with the stored ID token, a Lock 10 `getProfile(idToken)`, a read of the
 * stored token in another file. Only as a name of its own: `invalidToken` and OAuth's
 * `invalid_token` (in many libraries, some of them large) are no such file.
 * Written as a POSIX extended regular expression so `grep -E` can use the very same pattern
 * (the benchmark compares against that).
 */
export const PREFILTER_SOURCE = '[Aa]uth0|/authorize|oauth/(token|ro)|api/v2/|lockProvider|passwordGrant|ManagementClient|[^A-Za-z0-9_$]id_token|[^A-Za-z0-9_$]idToken';

export const PREFILTER = new RegExp(PREFILTER_SOURCE);

export function mayNeedMigration(text: string): boolean {
  return PREFILTER.test(text);
}
