// The url this function fetches is its parameter, not the file's Management API URL of the same
// name: the request goes to the app's own API, and its ID token stays.
var lock = new Auth0Lock('abc', 'acme.auth0.com');
lock.on('authenticated', function (authResult) {
  localStorage.setItem('id_token', authResult.idToken);
});
var url = 'https://acme.auth0.com/api/v2/users/' + localStorage.getItem('user_id');
function callOwnApi(url) {
  return fetch(url, { headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') } });
}
