// Lock 11 embedded in the app (cross-origin authentication), migrated: it asks for the
// Management API audience and the current-user scope, and keeps the ID token for the user id.
var CLIENT_ID = scenarioClient('kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E');

var lock = new Auth0Lock(CLIENT_ID, DOMAIN, {
  auth: {
    redirectUrl: window.location.origin + window.location.pathname,
    responseType: 'token id_token',
    audience: MANAGEMENT_AUDIENCE,
    params: { scope: 'openid profile read:current_user' }
  },
  allowSignUp: false,
  allowForgotPassword: false,
  rememberLastLogin: false
});

lock.on('authenticated', function (result) {
  localStorage.setItem('access_token', result.accessToken);
  localStorage.setItem('user_id', result.idTokenPayload.sub);
  show('status', 'Logged in as ' + result.idTokenPayload.sub);
});
lock.on('authorization_error', function (err) {
  show('status', describeError(err));
});

on('login', function () { lock.show(); });
on('profile-btn', function () {
  showProfile(localStorage.getItem('access_token'), localStorage.getItem('user_id'));
});
