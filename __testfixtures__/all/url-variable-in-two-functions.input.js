// Each function declares its own url: each call is read with the url its function declares.
var lock = new Auth0Lock('cid', 'tenant.auth0.com');
lock.on('authenticated', function (authResult) {
  localStorage.setItem('id_token', authResult.idToken);
});
function getProfile(id) {
  var url = 'https://tenant.auth0.com/api/v2/users/' + id;
  return fetch(url, { headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') } });
}
function saveProfile(id, body) {
  var url = 'https://tenant.auth0.com/api/v2/users/' + id;
  return fetch(url, { method: 'PATCH', body: body, headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') } });
}
function unlink(id, provider, secondaryId) {
  var url = 'https://tenant.auth0.com/api/v2/users/' + id + '/identities/' + provider + '/' + secondaryId;
  var xhr = new XMLHttpRequest();
  xhr.open('DELETE', url);
  xhr.setRequestHeader('Authorization', 'Bearer ' + localStorage.getItem('id_token'));
  xhr.send();
}
