import auth0 from 'auth0-js';

// --scope-mode any-user: read:users is never granted to a user's login (Auth0 drops it), so the
// browser flow is left alone and the call is reported as one for a backend.
const url = `https://acme.auth0.com/authorize?scope=openid&response_type=id_token&client_id=abc123`;

window.open(url);

export function handleCallback(webAuth, userId, cb) {
  webAuth.parseHash(function (err, authResult) {
    localStorage.setItem('id_token', authResult.idToken);
  });
  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, cb);
}
