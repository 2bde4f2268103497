// The profile is read from the legacy ID token; an OIDC-conformant login drops user_metadata from it,
// so the flow waits until the app reads it from the Management API profile.
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'id_token', scope: 'openid' });
webAuth.parseHash(function (err, r) {
  localStorage.setItem('id_token', r.idToken);
  document.title = r.idTokenPayload.user_metadata.nickname;
});
function load(id, cb) {
  var m = new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') });
  m.getUser(id, cb);
}
