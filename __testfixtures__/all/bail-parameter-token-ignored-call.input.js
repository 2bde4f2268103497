// The token reaches the Management API through a parameter of the module's own function, but
// one call that passes it carries the ignore comment: that call may not change, so neither does
// the parameter. The flow is left alone with a finding.
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
  // auth0-mgmt-codemod-ignore
  showProfile(localStorage.getItem('id_token'), localStorage.getItem('user_id'));
});
