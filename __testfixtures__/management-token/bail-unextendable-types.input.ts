import auth0 from 'auth0-js';

// Types of this file that the codemod cannot add accessToken to: rewriting .idToken to
// .accessToken would not compile, so each token is left alone with a finding.
interface Base { expiresIn: number }
interface Extended extends Base { idToken: string }
type Either = { idToken: string } | { error: string; idToken: string };
interface Plain { idToken: string }

export function extended(r: Extended): void {
  new auth0.Management({ domain: 'acme.auth0.com', token: r.idToken }).getUser('x', () => {});
}

export function either(r: Either): void {
  new auth0.Management({ domain: 'acme.auth0.com', token: r.idToken }).getUser('x', () => {});
}

export function generic<T extends Plain>(r: T): void {
  new auth0.Management({ domain: 'acme.auth0.com', token: r.idToken }).getUser('x', () => {});
}

export function nested(s: { session: Plain }): void {
  new auth0.Management({ domain: 'acme.auth0.com', token: s.session.idToken }).getUser('x', () => {});
}
