import { Management } from 'auth0-js';

// The app's own types for what it keeps from a login: they must declare the access token too,
// or `result.accessToken` does not compile.
interface LoginResult {
  idToken: string;
  idTokenPayload: { sub: string };
}

type Session = { readonly idToken?: string, userId: string };

export function showProfile(result: LoginResult, render: (user: unknown) => void): void {
  const management = new Management({ domain: 'acme.auth0.com', token: result.idToken });
  management.getUser(result.idTokenPayload.sub, (err, user) => render(user));
}

export function linkAccount(session: Session, secondaryIdToken: string): void {
  const { idToken } = session;
  new Management({ domain: 'acme.auth0.com', token: idToken ?? '' }).linkUser(session.userId, secondaryIdToken, () => {});
}

export function patch(auth: { idToken: string; sub: string }, metadata: object): void {
  new Management({ domain: 'acme.auth0.com', token: auth.idToken }).patchUserMetadata(auth.sub, metadata, () => {});
}
