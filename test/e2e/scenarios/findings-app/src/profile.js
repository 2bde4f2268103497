/* global auth0 */
export function fetchUser(idToken, userId, done) {
  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, done);
}
