/* global auth0 */
// Login only: this package never calls the Management API, so it needs no migration.
export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'site-client-id',
  redirectUri: 'https://www.example.com/callback',
  scope: 'openid',
  responseType: 'id_token'
});
