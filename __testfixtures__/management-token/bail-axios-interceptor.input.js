// An axios interceptor signs every axios request: the Management API call is reported, naming it.
/* global auth0 */
import axios from 'axios';

var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'id_token' });
webAuth.parseHash(function (err, authResult) {
  localStorage.setItem('id_token', authResult.idToken);
});

axios.interceptors.request.use(function (config) {
  config.headers.Authorization = 'Bearer ' + localStorage.getItem('id_token');
  return config;
});

export function loadUser(userId) {
  return axios.get('https://acme.auth0.com/api/v2/users/' + userId);
}

export function loadOrders() {
  return axios.get('/api/orders');
}
