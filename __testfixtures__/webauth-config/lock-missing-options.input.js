var lock = new Auth0Lock('abc123', 'acme.auth0.com');

lock.on('authenticated', function (authResult) {
  new auth0.Management({ domain: 'acme.auth0.com', token: authResult.idToken }).getUser(authResult.idTokenPayload.sub, show);
});
