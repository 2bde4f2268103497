// An earlier run switched the read to 'access_token' while the ID token is stored where no line
// could be added: the access token is stored beside it, in a block or a sequence, so the read finds it.
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' });
webAuth.parseHash(function (err, authResult) {
  if (authResult) localStorage.setItem('id_token', authResult.idToken);
  else return;
  setTimeout(() => sessionStorage.setItem('id_token', authResult.idToken), 10);
});
webAuth.checkSession({}, (err, result) => result && localStorage.setItem('id_token', result.idToken));
new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('access_token') }).getUser('me', function () {});
