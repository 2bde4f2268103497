/* global axios */
// Options the Management API call shares with other code: switching their token would switch it
// for that code too, so each call is reported, not edited.
var headers = { Authorization: 'Bearer ' + localStorage.getItem('id_token') };

function loadUser(userId) {
  return axios.get('https://acme.auth0.com/api/v2/users/' + userId, { headers: headers });
}

function loadOrders() {
  return axios.get('/api/orders', { headers: headers });
}

function saveAddress(userId, address) {
  var config = {
    method: 'patch',
    url: 'https://acme.auth0.com/api/v2/users/' + userId,
    data: { user_metadata: { address: address } },
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') }
  };
  config.headers['X-Request-Id'] = String(Date.now());
  return axios(config);
}
