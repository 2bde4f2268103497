// Standard OIDC claims and namespaced custom claims stay in the ID token: nothing blocks here.
// (This transform alone switches no call whose login it does not migrate: nothing changes.)
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'id_token', scope: 'openid profile' });
webAuth.parseHash(function (err, r) {
  var payload = r.idTokenPayload;
  document.title = payload.name + ' ' + r.idTokenPayload['https://acme.com/roles'];
});
