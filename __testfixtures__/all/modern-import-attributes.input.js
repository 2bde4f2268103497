// Import attributes (ES2025) beside a login config and a Management API call.
import settings from './settings.json' with { type: 'json' };

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: settings.clientId,
  responseType: 'id_token',
  scope: 'openid',
});

export function handle() {
  webAuth.parseHash((err, authResult) => {
    if (authResult) {
      localStorage.setItem('id_token', authResult.idToken);
    }
  });
}

export function profile(userId, done) {
  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, done);
}
