// Host names are case-insensitive, the Management API audience is not: it is written in lower case.
var webAuth = new auth0.WebAuth({
  domain: 'ACME.Auth0.com',
  clientID: 'abc',
  responseType: 'token id_token',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid read:current_user'
});
var management = new auth0.Management({ domain: 'ACME.Auth0.com', token: localStorage.getItem('id_token') });
webAuth.parseHash(function (err, result) {
  localStorage.setItem('id_token', result.idToken);
  management.getUser(result.idTokenPayload.sub, function () {});
});
