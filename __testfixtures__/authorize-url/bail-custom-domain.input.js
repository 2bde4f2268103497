import auth0 from 'auth0-js';

// login.acme.com is a custom domain: the Management API audience needs the tenant host.
export const loginUrl = 'https://login.acme.com/authorize?response_type=id_token&client_id=abc123&scope=openid';

export function profile(idToken, userId, cb) {
  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, cb);
}
