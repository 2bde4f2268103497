/* global auth0, getTenant */
// The host is computed by a call, but only the /userinfo tail is rewritten: the call stays one call.
var webAuth = new auth0.WebAuth({
  domain: getTenant(),
  clientID: 'abc',
  audience: 'https://' + getTenant() + '/api/v2/',
  responseType: 'token id_token',
  scope: 'openid read:current_user'
});
new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser('x', function () {});
