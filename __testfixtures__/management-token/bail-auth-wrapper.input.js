/* global auth0 */
// Every request of the app goes through fetchAsUser, signed with the stored ID token: the
// codemod cannot tell that only Management API calls go through it, so nothing changes.
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'id_token' });

webAuth.parseHash(function (err, authResult) {
  localStorage.setItem('id_token', authResult.idToken);
});

function fetchAsUser(url, init) {
  var options = Object.assign({}, init);
  options.headers = Object.assign({}, options.headers, { Authorization: 'Bearer ' + localStorage.getItem('id_token') });
  return fetch(url, options);
}

export function loadProfile(id) {
  return fetchAsUser('https://acme.auth0.com/api/v2/users/' + encodeURIComponent(id));
}

export function loadOrders() {
  return fetchAsUser('/api/orders');
}
