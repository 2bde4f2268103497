// The domain comes from another module, where it is a custom domain: the Management API
// audience is the tenant's own host, which nothing here shows. The flow is left alone and the
// finding names where the domain is set.
import auth0 from 'auth0-js';
import { AUTH_CONFIG } from './auth0-variables';

const webAuth = new auth0.WebAuth({
  domain: AUTH_CONFIG.domain,
  clientID: AUTH_CONFIG.clientId,
  responseType: 'token id_token',
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
