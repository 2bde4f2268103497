// The login asked for no openid scope; once it is OIDC-conformant it returns an ID token only
// with openid, and the app stores the ID token: openid is added. The file is plain ES5, so the
// audience is a concatenation, not a template literal.
var AUTH0_DOMAIN = 'acme.auth0.com';
var webAuth = new auth0.WebAuth({
  domain: AUTH0_DOMAIN,
  clientID: 'abc',
  responseType: 'token id_token',
  audience: 'https://' + AUTH0_DOMAIN + '/api/v2/',
  scope: 'openid profile read:current_user'
});
webAuth.parseHash(function (err, result) {
  localStorage.setItem('id_token', result.idToken);
  localStorage.setItem('access_token', result.accessToken);
});
function loadProfile(id, cb) {
  var management = new auth0.Management({ domain: AUTH0_DOMAIN, token: localStorage.getItem('access_token') });
  management.getUser(id, cb);
}
