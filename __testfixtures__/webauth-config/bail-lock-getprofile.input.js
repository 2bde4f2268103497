var lock = new Auth0Lock(CLIENT_ID, 'acme.auth0.com', {
  auth: { responseType: 'token', params: { scope: 'openid email' } }
});

lock.on('authenticated', function (authResult) {
  lock.getProfile(authResult.idToken, function (err, profile) {
    localStorage.setItem('profile', JSON.stringify(profile));
  });
  new auth0.Management({ domain: 'acme.auth0.com', token: authResult.idToken }).getUser(authResult.idTokenPayload.sub, render);
});
