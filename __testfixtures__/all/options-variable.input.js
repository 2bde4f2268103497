/* global auth0, $ */
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'id_token' });

webAuth.parseHash(function (err, authResult) {
  localStorage.setItem('id_token', authResult.idToken);
});

// `settings` of each function is its own variable: only the Management API's get the access token.
function saveAddress(userId, address) {
  var settings = {
    url: 'https://acme.auth0.com/api/v2/users/' + userId,
    method: 'PATCH',
    data: JSON.stringify({ user_metadata: { address: address } }),
    contentType: 'application/json',
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') }
  };
  return $.ajax(settings);
}

function loadOrders() {
  var settings = { url: '/api/orders', headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') } };
  return $.ajax(settings);
}
