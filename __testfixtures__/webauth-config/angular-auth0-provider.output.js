angular
  .module('app', ['auth0.auth0', 'ui.router'])
  .config(function config($stateProvider, angularAuth0Provider) {
    angularAuth0Provider.init({
      clientID: AUTH0_CLIENT_ID,
      domain: AUTH0_DOMAIN,
      responseType: 'token id_token',
      audience: 'https://' + AUTH0_DOMAIN + '/api/v2/',
      redirectUri: AUTH0_CALLBACK_URL,
      scope: 'openid update:current_user_metadata'
    });
  })
  .run(function (angularAuth0, $http) {
    angularAuth0.checkSession({ scope: 'openid update:current_user_metadata' }, function () {});
    $http({
      method: 'PATCH',
      url: 'https://' + AUTH0_DOMAIN + '/api/v2/users/' + userId,
      headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') },
      data: { user_metadata: { theme: 'dark' } }
    });
  });
