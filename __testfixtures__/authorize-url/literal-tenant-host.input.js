import auth0 from 'auth0-js';

const AUTHORIZE_URL =
  'https://acme.eu.auth0.com/authorize?response_type=id_token&client_id=abc123&redirect_uri=https://app.example.com/callback&scope=openid%20profile&nonce=n0nce';

export function login() {
  window.location.assign(AUTHORIZE_URL);
}

export function loadProfile(idToken, userId, cb) {
  const management = new auth0.Management({ domain: 'acme.eu.auth0.com', token: idToken });
  management.getUser(userId, cb);
}
