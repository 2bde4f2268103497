'use strict';
const auth0 = require('auth0-js');

const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'k5u3o2fiAA8XweXEEX604KCwCjzjtMU6',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid profile email read:current_user',
  responseType: 'token id_token',
});

module.exports = { webAuth, render: () => <div>{webAuth.baseOptions.domain}</div> };
