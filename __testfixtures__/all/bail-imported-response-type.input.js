// The login's values come from another module of the package (auth0-variables.js): a
// response type that asks for an ID token only, which must change there: the flow is left alone
// and the finding names the file and line to change.
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
  const management = new auth0.Management({ domain: AUTH_CONFIG.domain, token: localStorage.getItem('id_token') });
  management.getUser(userId, cb);
}
