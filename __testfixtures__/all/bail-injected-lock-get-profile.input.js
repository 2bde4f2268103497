// angular-lock: the Lock configured with lockProvider.init is injected into a service as `lock`,
// whose Lock 10 getProfile(idToken) stops calling back once the Lock asks for an audience. The
// injected parameter is the configured Lock, so the getProfile call blocks its flow.
angular
  .module('app', ['auth0.lock'])
  .config(function (lockProvider) {
    lockProvider.init({
      clientID: 'abc123',
      domain: 'acme.auth0.com',
      options: { auth: { responseType: 'token id_token', params: { scope: 'openid' } } }
    });
  })
  .service('authService', function (lock, $http) {
    this.login = function () {
      lock.show();
    };
    lock.on('authenticated', function (authResult) {
      localStorage.setItem('id_token', authResult.idToken);
      lock.getProfile(authResult.idToken, function (error, profile) {
        localStorage.setItem('profile', JSON.stringify(profile));
      });
    });
    this.save = function (id, meta) {
      return $http({
        method: 'PATCH',
        url: 'https://acme.auth0.com/api/v2/users/' + id,
        headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') },
        data: { user_metadata: meta }
      });
    };
  });
