/* global auth0, localStorage */
export function loadProfile(done) {
  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('access_token') }).getUser('me', done);
}
