angular.module('app').config(function (lockProvider) {
  lockProvider.init({
    clientID: 'abc123',
    domain: 'acme.auth0.com',
    options: {
      oidcConformant: true,
      auth: {
        audience: 'https://acme.auth0.com/api/v2/',
        responseType: 'token id_token',
        params: { scope: 'openid email read:current_user update:current_user_identities' }
      }
    }
  });
});
