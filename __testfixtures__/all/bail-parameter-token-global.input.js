// The function that hands the token to the Management API is a global of the page (a classic
// script's top-level function): other scripts or inline handlers may call it with an ID token the
// codemod would not switch, so the flow is left alone with a finding that says what to do.
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
