/* global auth0 */
// Already requests an access token for the app's own API: a token holds one API audience.
export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'client-id',
  redirectUri: 'https://app.example.com/callback',
  audience: 'https://api.example.com/',
  scope: 'openid read:orders',
  responseType: 'token id_token'
});
