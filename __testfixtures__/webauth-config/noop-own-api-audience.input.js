const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  audience: 'https://api.acme.com/',
  responseType: 'token id_token',
  scope: 'openid profile read:orders'
});

function loadOrders(accessToken) {
  return fetch('https://api.acme.com/orders', { headers: { Authorization: 'Bearer ' + accessToken } });
}
