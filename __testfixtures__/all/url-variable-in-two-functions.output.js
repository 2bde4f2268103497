// Each function declares its own url: each call is read with the url its function declares.
var lock = new Auth0Lock('cid', 'tenant.auth0.com', {
  oidcConformant: true,
  auth: {
    audience: 'https://tenant.auth0.com/api/v2/',
    responseType: 'token id_token',
    params: {
      scope: 'openid profile email read:current_user update:current_user_identities update:current_user_metadata'
    }
  }
});
lock.on('authenticated', function (authResult) {
  localStorage.setItem('id_token', authResult.idToken);
  localStorage.setItem('access_token', authResult.accessToken);
});
function getProfile(id) {
  var url = 'https://tenant.auth0.com/api/v2/users/' + id;
  return fetch(url, { headers: { Authorization: 'Bearer ' + localStorage.getItem('access_token') } });
}
function saveProfile(id, body) {
  var url = 'https://tenant.auth0.com/api/v2/users/' + id;
  return fetch(url, { method: 'PATCH', body: body, headers: { Authorization: 'Bearer ' + localStorage.getItem('access_token') } });
}
function unlink(id, provider, secondaryId) {
  var url = 'https://tenant.auth0.com/api/v2/users/' + id + '/identities/' + provider + '/' + secondaryId;
  var xhr = new XMLHttpRequest();
  xhr.open('DELETE', url);
  xhr.setRequestHeader('Authorization', 'Bearer ' + localStorage.getItem('access_token'));
  xhr.send();
}
