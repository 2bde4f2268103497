import auth0 from 'auth0-js';

// The authorization code flow gets its tokens from the server: nothing to do here.
export const loginUrl =
  'https://acme.auth0.com/authorize?response_type=code&client_id=abc123&redirect_uri=https://app.example.com/callback&scope=openid';
export const implicitAccessOnly = `https://acme.auth0.com/authorize?response_type=token&client_id=abc123`;

new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, cb);
