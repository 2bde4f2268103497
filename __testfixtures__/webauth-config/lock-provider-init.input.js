angular.module('app').config(function (lockProvider) {
  lockProvider.init({
    clientID: 'abc123',
    domain: 'acme.auth0.com',
    options: {
      auth: {
        params: { scope: 'openid email' }
      }
    }
  });
});
