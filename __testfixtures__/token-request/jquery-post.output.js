var domain = 'acme.auth0.com';

function login(username, password) {
  return $.post('https://' + domain + '/oauth/token', {
    grant_type: 'password',
    username: username,
    password: password,
    audience: 'https://' + domain + '/api/v2/',
    scope: 'openid profile email read:current_user',
    client_id: 'abc123'
  });
}

function loadProfile(userId, idToken) {
  return $.ajax({
    url: 'https://' + domain + '/api/v2/users/' + userId,
    headers: { Authorization: 'Bearer ' + idToken }
  });
}
