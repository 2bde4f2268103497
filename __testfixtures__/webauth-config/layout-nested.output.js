// Lock's auth options nest in its options: both break over lines, the outer one first, while the
// new params object is short enough to stay on one line.
var lock = new Auth0Lock('abc123', 'acme.auth0.com', {
  theme: { primaryColor: '#333' },
  oidcConformant: true,
  auth: {
    redirectUrl: location.origin,
    audience: 'https://acme.auth0.com/api/v2/',
    responseType: 'token id_token',
    params: { scope: 'openid profile email read:current_user' }
  }
});

lock.on('authenticated', function (authResult) {
  new auth0.Management({ domain: 'acme.auth0.com', token: authResult.idToken }).getUser(authResult.idTokenPayload.sub, show);
});
