var request = require('superagent');

function getUserXhr(userId, cb) {
  var jwt = sessionStorage.getItem('id_token');
  var xhr = new XMLHttpRequest();
  xhr.open('GET', 'https://acme.auth0.com/api/v2/users/' + userId);
  xhr.setRequestHeader('Authorization', 'Bearer ' + sessionStorage.getItem('access_token'));
  xhr.onload = function () { cb(JSON.parse(xhr.responseText)); };
  xhr.send();
}

function patchUserSuperagent(userId, metadata) {
  return request
    .patch('https://acme.auth0.com/api/v2/users/' + userId)
    .set('Authorization', `Bearer ${sessionStorage.getItem('access_token')}`)
    .send({ user_metadata: metadata });
}
