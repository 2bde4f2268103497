'use strict';
const auth0 = require('auth0-js');

const AUTH0_DOMAIN = 'acme.eu.auth0.com';

const webAuth = new auth0.WebAuth({
  domain: AUTH0_DOMAIN,
  clientID: 'abc123',
  redirectUri: 'https://app.acme.com/callback',
  audience: 'https://acme.eu.auth0.com/userinfo',
  responseType: 'token id_token',
  scope: 'openid profile'
});

function linkAccount(primary, secondaryIdToken, cb) {
  const mgmt = new auth0.Management({ domain: AUTH0_DOMAIN, token: primary.idToken });
  mgmt.linkUser(primary.sub, secondaryIdToken, cb);
}

module.exports = { webAuth, linkAccount };
