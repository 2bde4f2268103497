/* global auth0, axios */
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'id_token' });

webAuth.parseHash(function (err, authResult) {
  localStorage.setItem('id_token', authResult.idToken);
});

// One headers object for the app's API and the Management API alike: its token cannot change for
// one of them only, so the flow, login included, is left as it is.
var headers = { Authorization: 'Bearer ' + localStorage.getItem('id_token') };

function loadUser(userId) {
  return axios.get('https://acme.auth0.com/api/v2/users/' + userId, { headers: headers });
}

function loadOrders() {
  return axios.get('/api/orders', { headers: headers });
}
