import * as auth0 from 'auth0-js';
import Auth0Lock from 'auth0-lock';

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  redirectUri: 'https://app.acme.com/callback',
  responseType: 'code',
  scope: 'openid'
});

// No responseType with a redirectUrl: Lock's own default is a code flow.
export const lock = new Auth0Lock('abc123', 'acme.auth0.com', {
  auth: { redirectUrl: 'https://app.acme.com/callback', params: { scope: 'openid' } }
});

export function silentLogin(): void {
  webAuth.checkSession({ scope: 'openid email' }, () => undefined);
}

export function profile(userId: string, token: string): void {
  new auth0.Management({ domain: 'acme.auth0.com', token }).getUser(userId, () => undefined);
}
