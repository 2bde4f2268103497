var auth0 = require('auth0-js');

var AUTH0_DOMAIN = window.AUTH0_DOMAIN;

function login(clientId, nonce) {
  var url = 'https://' + AUTH0_DOMAIN + '/authorize?client_id=' + clientId +
    '&response_type=token%20id_token&redirect_uri=https://app.example.com/callback' +
    '&audience=https://' + AUTH0_DOMAIN + '/api/v2/&scope=openid%20read:current_user&nonce=' + nonce;
  window.location = url;
}

function showProfile(idToken, userId) {
  var manage = new auth0.Management({ domain: AUTH0_DOMAIN, token: idToken });
  manage.getUser(userId, render);
}
