var webAuth = new auth0.WebAuth({
  clientID: 'abc123',
  domain: 'acme.auth0.com',
  redirectUri: 'https://app.acme.com/callback',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid profile read:current_user update:current_user_metadata',
  responseType: 'token id_token'
});

webAuth.checkSession({ scope: 'openid read:current_user update:current_user_metadata' }, function (err, result) {
  var auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: result.accessToken });
  auth0Manage.getUser(result.idTokenPayload.sub, function () {});
  auth0Manage.patchUserMetadata(result.idTokenPayload.sub, { theme: 'dark' }, function () {});
});

var lock = new Auth0Lock('abc123', 'acme.auth0.com', {
  oidcConformant: true,
  auth: {
    audience: 'https://acme.auth0.com/api/v2/',
    responseType: 'token id_token',
    params: { scope: 'openid read:current_user update:current_user_metadata' }
  }
});
