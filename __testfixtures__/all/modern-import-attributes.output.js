// Import attributes (ES2025) beside a login config and a Management API call.
import settings from './settings.json' with { type: 'json' };

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: settings.clientId,
  responseType: 'token id_token',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid read:current_user',
});

export function handle() {
  webAuth.parseHash((err, authResult) => {
    if (authResult) {
      localStorage.setItem('id_token', authResult.idToken);
      localStorage.setItem('access_token', authResult.accessToken);
    }
  });
}

export function profile(userId, done) {
  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('access_token') }).getUser(userId, done);
}
