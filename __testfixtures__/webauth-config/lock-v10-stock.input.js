var lock = new Auth0Lock(AUTH0_CLIENT_ID, AUTH0_DOMAIN, {
  auth: {
    redirectUrl: window.location.origin + '/callback',
    responseType: 'token',
    params: {
      scope: 'openid email'
    }
  },
  theme: { logo: '/logo.png' }
});

lock.on('authenticated', function (authResult) {
  localStorage.setItem('id_token', authResult.idToken);
  var auth0Manage = new auth0.Management({ domain: AUTH0_DOMAIN, token: localStorage.getItem('id_token') });
  auth0Manage.getUser(authResult.idTokenPayload.sub, function () {});
});
