// An earlier run switched the read to 'access_token', but the ID token is stored in a braceless
// `if`, where no line can be added: the finding must stay open on every run.
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' });
webAuth.parseHash(function (err, authResult) {
  if (authResult) localStorage.setItem('id_token', authResult.idToken);
});
new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('access_token') }).getUser('me', function () {});
