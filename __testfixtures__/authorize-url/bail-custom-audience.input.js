import auth0 from 'auth0-js';
import qs from 'qs';

// Both requests already ask for the app's own API: a second token is needed for the Management API.
export const loginUrl = 'https://acme.auth0.com/authorize?audience=https://api.acme.com/&scope=openid&response_type=id_token&client_id=abc';

export const other = 'https://acme.auth0.com/authorize?' + qs.stringify({
  audience: 'https://api.acme.com/',
  response_type: 'id_token',
  client_id: 'abc',
});

new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, cb);
