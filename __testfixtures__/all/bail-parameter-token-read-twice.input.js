// The parameter is also read as the ID token it is (its expiry decoded): passing the access
// token instead would change that read too, so the flow is left alone with a finding.
import auth0 from 'auth0-js';
import jwt_decode from 'jwt-decode';

var webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'cid',
  responseType: 'token id_token',
  scope: 'openid profile',
  redirectUri: window.location.href
});

function showProfile(idToken, userId) {
  var auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: idToken });
  console.log('token expires at', jwt_decode(idToken).exp);
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
