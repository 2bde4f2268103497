/* global $, axios, request */
// Request options held in a variable are the same request as options written at the call: the
// Management API calls get the access token where their options are declared.
function saveAddress(userId, address) {
  var settings = {
    url: 'https://acme.auth0.com/api/v2/users/' + userId,
    method: 'PATCH',
    data: JSON.stringify({ user_metadata: { address: address } }),
    contentType: 'application/json',
    headers: { Authorization: 'Bearer ' + localStorage.getItem('access_token') }
  };
  return $.ajax(settings);
}

function loadUser(userId) {
  var config = { url: 'https://acme.auth0.com/api/v2/users/' + userId, headers: { Authorization: 'Bearer ' + localStorage.getItem('access_token') } };
  return axios(config);
}

function link(userId, secondaryIdToken, cb) {
  var options = {
    url: 'https://acme.auth0.com/api/v2/users/' + userId + '/identities',
    headers: { authorization: 'Bearer ' + localStorage.getItem('access_token') },
    json: { link_with: secondaryIdToken }
  };
  request.post(options, cb);
}

// The app's own API, with options of the same name: not the Management API, stays.
function loadOrders() {
  var settings = { url: '/api/orders', headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') } };
  return $.ajax(settings);
}
