var Auth0LockPasswordless = require('auth0-lock-passwordless');
var lock = new Auth0LockPasswordless(CLIENT_ID, 'acme.auth0.com');

lock.emailcode({ authParams: { scope: 'openid email' } }, function (err, profile, idToken) {
  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(profile.user_id, render);
});
