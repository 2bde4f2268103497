// An app that builds its /authorize query with URLSearchParams and reads the callback hash with
// it: the login asks for a token and the audience, and the access token is read beside the ID token.
var AUTH0_DOMAIN = 'acme.auth0.com';
function login() {
  var params = new URLSearchParams({
    response_type: 'token id_token',
    client_id: 'abc',
    redirect_uri: window.location.origin,
    audience: 'https://' + AUTH0_DOMAIN + '/api/v2/',
    scope: 'openid read:current_user',
    nonce: 'n'
  });
  window.location.href = 'https://' + AUTH0_DOMAIN + '/authorize?' + params.toString();
}
function callback() {
  var hash = new URLSearchParams(window.location.hash.substr(1));
  localStorage.setItem('id_token', hash.get('id_token'));
  localStorage.setItem('access_token', hash.get('access_token'));
}
function loadProfile(id) {
  return fetch('https://' + AUTH0_DOMAIN + '/api/v2/users/' + id, { headers: { Authorization: 'Bearer ' + localStorage.getItem('access_token') } });
}
