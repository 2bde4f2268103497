import auth0 from 'auth0-js';

// auth0-mgmt-codemod-ignore
const url = 'https://acme.auth0.com/authorize?response_type=id_token&client_id=abc123';

new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, cb);
