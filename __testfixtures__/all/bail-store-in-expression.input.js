// The ID token is stored inside an expression whose value is used: the access token cannot be
// stored beside it, so the read below could not be switched, and the whole flow stays as it is.
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'id_token', scope: 'openid' });
webAuth.parseHash(function (err, authResult) {
  var saved = authResult ? localStorage.setItem('id_token', authResult.idToken) : null;
  console.log(saved);
});
new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser('me', function () {});
