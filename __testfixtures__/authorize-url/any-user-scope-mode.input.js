import auth0 from 'auth0-js';

const url = `https://acme.auth0.com/authorize?scope=openid&response_type=id_token&client_id=abc123`;

window.open(url);

new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, cb);
