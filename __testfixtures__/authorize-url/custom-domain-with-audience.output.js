import auth0 from 'auth0-js';

// Logs in through a custom domain; --audience names the tenant's Management API.
export const loginUrl = 'https://login.acme.com/authorize?response_type=token%20id_token&client_id=abc123&audience=https://acme.auth0.com/api/v2/&scope=openid%20read:current_user';

export function profile(idToken, userId, cb) {
  new auth0.Management({ domain: 'login.acme.com', token: idToken }).getUser(userId, cb);
}
