/* global angular, localStorage */
// angular-jwt sends the stored ID token to the tenant too: the profile call below has no
// Authorization header of its own.
angular.module('app', ['angular-jwt'])
  .config(function (jwtOptionsProvider, $httpProvider) {
    jwtOptionsProvider.config({
      tokenGetter: function () { return localStorage.getItem('id_token'); },
      whiteListedDomains: ['acme.auth0.com', 'api.example.com']
    });
    $httpProvider.interceptors.push('jwtInterceptor');
  })
  .controller('ProfileCtrl', function ($http, $scope) {
    $http.get('https://acme.auth0.com/api/v2/users/' + $scope.userId).then(function (res) {
      $scope.user = res.data;
    });
  });
