// An $http interceptor signs every $http request: the Management API call is reported, naming it.
angular.module('app').config(function ($httpProvider) {
  $httpProvider.interceptors.push(function () {
    return {
      request: function (config) {
        config.headers.Authorization = 'Bearer ' + localStorage.getItem('id_token');
        return config;
      }
    };
  });
}).controller('Profile', function ($http) {
  this.save = function (userId, metadata) {
    return $http({ method: 'PATCH', url: 'https://acme.auth0.com/api/v2/users/' + userId, data: { user_metadata: metadata } });
  };
});
