// The login's values come from another module of the package (auth0-variables.js): a tenant
// host and a response type that already asks for an access token. The login is judged and
// migrated like one whose values are written here; the other module is not touched.
import auth0 from 'auth0-js';
import { AUTH_CONFIG } from './auth0-variables';

const webAuth = new auth0.WebAuth({
  domain: AUTH_CONFIG.domain,
  clientID: AUTH_CONFIG.clientId,
  responseType: AUTH_CONFIG.responseType,
  audience: `https://${AUTH_CONFIG.domain}/api/v2/`,
  scope: 'openid profile read:current_user',
  redirectUri: AUTH_CONFIG.callbackUrl
});

export function handleAuthentication() {
  webAuth.parseHash(function (err, authResult) {
    if (authResult) {
      localStorage.setItem('id_token', authResult.idToken);
      localStorage.setItem('access_token', authResult.accessToken);
    }
  });
}

export function getProfile(userId, cb) {
  const management = new auth0.Management({ domain: AUTH_CONFIG.domain, token: localStorage.getItem('access_token') });
  management.getUser(userId, cb);
}
