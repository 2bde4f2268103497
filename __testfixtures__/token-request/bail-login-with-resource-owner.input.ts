import { WebAuth, Management } from 'auth0-js';

const webAuth = new WebAuth({ domain: 'acme.auth0.com', clientID: 'abc123' });

export function login(username: string, password: string): void {
  webAuth.client.loginWithResourceOwner({ connection: 'db', username, password, scope: 'openid' }, (err, result) => {
    if (err) return;
    new Management({ domain: 'acme.auth0.com', token: result.idToken }).getUser(result.idTokenPayload.sub, () => undefined);
  });
}
