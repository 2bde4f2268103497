import auth0 from 'auth0-js';
import * as React from 'react';

const webAuth = new auth0.WebAuth({
  domain: 'acme.eu.auth0.com',
  clientID: 'k5u3o2fiAA8XweXEEX604KCwCjzjtMU6',
  audience: 'https://acme.eu.auth0.com/api/v2/',
  scope: 'openid profile email update:current_user_identities',
  responseType: 'token id_token'
});
const popupOptions = { responseType: 'token id_token', };

export function Login(): JSX.Element {
  return <button onClick={() => webAuth.popup.authorize(popupOptions, () => undefined)}>Log in</button>;
}

export function signIn(username: string, password: string): Promise<Response> {
  return fetch('https://acme.eu.auth0.com/oauth/token', {
    method: 'POST',
    body: JSON.stringify({
      grant_type: 'password',
      username,
      password,
      audience: 'https://acme.eu.auth0.com/api/v2/',
      scope: 'openid profile email update:current_user_identities'
    })
  });
}

export function linkAccount(authResult: auth0.Auth0DecodedHash, secondary: string): void {
  new auth0.Management({ domain: 'acme.eu.auth0.com', token: authResult.accessToken! }).linkUser('me', secondary, () => undefined);
}
