var AUTH0_CLIENT_ID = 'pQ7vX2mK9sL4wN8bR1tY6cF3hJ5gD0aZ';
var AUTH0_DOMAIN = 'example-tenant.auth0.com';

var lock = new Auth0Lock(AUTH0_CLIENT_ID, AUTH0_DOMAIN, { auth: { redirectUrl: window.location.origin, responseType: 'token' } });

lock.on('authenticated', function (authResult) {
  localStorage.setItem('id_token', authResult.idToken);
  lock.getProfile(authResult.idToken, function (err, profile) {
    if (err) return;
    localStorage.setItem('user_id', profile.user_id);
    showProfile();
  });
});

document.getElementById('btn-login').addEventListener('click', function () {
  lock.show();
});

document.getElementById('btn-logout').addEventListener('click', function () {
  localStorage.removeItem('id_token');
  localStorage.removeItem('user_id');
  window.location.reload();
});
