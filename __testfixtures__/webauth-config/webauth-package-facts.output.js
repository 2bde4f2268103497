// auth.js: the login config only; the package calls the Management API in profile.js.
import auth0 from 'auth0-js';

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  redirectUri: window.location.origin + '/callback',
  responseType: 'token id_token',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid profile email read:current_user update:current_user_metadata'
});

export function login() {
  webAuth.authorize();
}
