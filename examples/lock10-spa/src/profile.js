function showProfile() {
  var idToken = localStorage.getItem('id_token');
  if (!idToken) return;
  lock.getProfile(idToken, function (err, profile) {
    if (err) {
      document.getElementById('status').textContent = err.message;
      return;
    }
    document.getElementById('avatar').src = profile.picture;
    document.getElementById('nickname').textContent = profile.user_metadata && profile.user_metadata.nickname || profile.nickname;
  });
}

function saveNickname() {
  var xhr = new XMLHttpRequest();
  xhr.open('PATCH', 'https://' + AUTH0_DOMAIN + '/api/v2/users/' + localStorage.getItem('user_id'));
  xhr.setRequestHeader('Content-Type', 'application/json');
  xhr.setRequestHeader('Authorization', 'Bearer ' + localStorage.getItem('id_token'));
  xhr.onload = function () {
    document.getElementById('status').textContent = xhr.status === 200 ? 'Saved.' : 'Could not save: ' + xhr.responseText;
  };
  xhr.send(JSON.stringify({ user_metadata: { nickname: document.getElementById('new-nickname').value } }));
}

document.getElementById('btn-save').addEventListener('click', saveNickname);
showProfile();
