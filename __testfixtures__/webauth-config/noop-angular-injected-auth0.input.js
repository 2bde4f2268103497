/* global angular */
// AngularJS injects a service named Auth0 here: the parameter is not auth0.js v7's global.
angular.module('app').controller('ProfileCtrl', ['Auth0', '$http', function (Auth0, $http) {
  var session = new Auth0({ tenant: 'acme' });
  $http.get('https://acme.auth0.com/api/v2/users/' + session.userId, { headers: { Authorization: 'Bearer ' + session.accessToken } });
}]);
