var lock = new Auth0Lock(AUTH0_CLIENT_ID, AUTH0_DOMAIN, {
  oidcConformant: true,
  auth: {
    redirectUrl: window.location.origin + '/callback',
    audience: 'https://' + AUTH0_DOMAIN + '/api/v2/',
    responseType: 'token id_token',
    params: {
      scope: 'openid email read:current_user'
    }
  },
  theme: { logo: '/logo.png' }
});

lock.on('authenticated', function (authResult) {
  localStorage.setItem('id_token', authResult.idToken);
  var auth0Manage = new auth0.Management({ domain: AUTH0_DOMAIN, token: localStorage.getItem('id_token') });
  auth0Manage.getUser(authResult.idTokenPayload.sub, function () {});
});
