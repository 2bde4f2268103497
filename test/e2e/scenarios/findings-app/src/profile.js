/* global auth0 */
import { webAuth } from './auth';

export function showProfile(userId, done) {
  webAuth.parseHash(function (err, authResult) {
    new auth0.Management({ domain: 'acme.auth0.com', token: authResult.idToken }).getUser(userId, done);
  });
}
