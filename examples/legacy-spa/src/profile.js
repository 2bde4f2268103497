function getManagement() {
  return new auth0.Management({
    domain: 'example-tenant.auth0.com',
    token: localStorage.getItem('id_token')
  });
}

function showProfile() {
  var userId = localStorage.getItem('user_id');
  getManagement().getUser(userId, function (err, user) {
    if (err) {
      return showMessage('profile-status', describeError(err));
    }
    document.getElementById('profile').textContent = JSON.stringify(user, null, 2);
    document.getElementById('nickname').value =
      (user.user_metadata && user.user_metadata.nickname) || '';
    showMessage('profile-status', 'Loaded profile of ' + user.email);
  });
}

function saveNickname() {
  var userId = localStorage.getItem('user_id');
  var nickname = document.getElementById('nickname').value;
  getManagement().patchUserMetadata(userId, { nickname: nickname }, function (err, user) {
    if (err) {
      return showMessage('nickname-status', describeError(err));
    }
    showMessage('nickname-status', 'Saved nickname ' + user.user_metadata.nickname);
  });
}

document.getElementById('btn-profile').addEventListener('click', showProfile);
document.getElementById('btn-save-nickname').addEventListener('click', saveNickname);
