// auth.js: the login config only; the package calls the Management API in profile.js.
import auth0 from 'auth0-js';

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  redirectUri: window.location.origin + '/callback',
  responseType: 'id_token',
  scope: 'openid profile email'
});

export function login() {
  webAuth.authorize();
}
