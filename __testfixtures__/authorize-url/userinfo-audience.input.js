import auth0 from 'auth0-js';

// An /userinfo audience only asks for the profile endpoint; the Management API's replaces it.
const url = 'https://acme.auth0.com/authorize?audience=https://acme.auth0.com/userinfo&scope=openid&response_type=id_token&client_id=abc123';

window.location.assign(url);

new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, cb);
