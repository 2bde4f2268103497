var lock = new Auth0Lock(CLIENT_ID, 'acme.auth0.com', {
  auth: {
    redirect: false,
    responseType: 'token'
  }
});

lock.on('authenticated', function (authResult) {
  new auth0.Management({ domain: 'acme.auth0.com', token: authResult.idToken }).getUser(authResult.idTokenPayload.sub, render);
});
