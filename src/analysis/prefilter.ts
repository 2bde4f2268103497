/**
 * The cheap text test a file must pass before it is parsed. Every construct any transform or the
 * package scan looks at contains one of these substrings, so a file without them cannot change.
 * `id_token` / `idToken` bring in the files of a token flow that name no Auth0 API: a wrapper
 * that signs requests with the stored ID token, a Lock 10 `getProfile(idToken)`, a read of the
 * stored token in another file. Only as a quoted key (`getItem('id_token')`) or a property
 * (`authResult.idToken`, `.idTokenPayload`): `invalidToken` and OAuth's `invalid_token`, in many
 * libraries (some large), would cost the big-tree run seconds for files with no token flow.
 * Written as a POSIX extended regular expression so `grep -E` can use the very same pattern
 * (the benchmark compares against that).
 */
export const PREFILTER_SOURCE = '[Aa]uth0|/authorize|oauth/(token|ro)|api/v2/|lockProvider|passwordGrant|ManagementClient|[\'"`]id_token[\'"`]|[.]idToken';

export const PREFILTER = new RegExp(PREFILTER_SOURCE);

export function mayNeedMigration(text: string): boolean {
  return PREFILTER.test(text);
}
