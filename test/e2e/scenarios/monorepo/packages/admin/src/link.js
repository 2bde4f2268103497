/* global auth0, localStorage */
// Links a second login (its own ID token) to the signed-in account.
export function linkAccount(userId, secondaryIdToken, done) {
  const manage = new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') });
  manage.linkUser(userId, secondaryIdToken, done);
}
