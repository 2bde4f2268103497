import auth0 from 'auth0-js';

// Every value of this URL is percent-encoded, so the new ones are too.
export const LOGIN_URL = 'https://acme.auth0.com/authorize?client_id=abc123&response_type=id_token&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&scope=openid%20profile&nonce=xyz';

export function profile(idToken, userId, cb) {
  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, cb);
}
