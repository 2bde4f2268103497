// The domain comes from a module whose values the codemod did not read (it names nothing Auth0,
// as a module holding a custom domain would, or is not in the repository): the audience built
// from it could be a custom domain's, which the tenant refuses. Left alone: rerun with --audience.
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
