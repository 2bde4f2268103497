'use strict';
const { AuthenticationClient, ManagementClient } = require('auth0');

const auth = new AuthenticationClient({ domain: 'acme.auth0.com', clientId: process.env.CLIENT_ID });

function readOwnProfile(username, password, done) {
  auth.passwordGrant({ username, password, realm: 'Username-Password-Authentication' }, function (err, tokens) {
    if (err) return done(err);
    const management = new ManagementClient({
      domain: 'acme.auth0.com',
      token: tokens.access_token
    });
    management.getUser({ id: jwtDecode(tokens.id_token).sub }, done);
  });
}

// A machine-to-machine client: client credentials, no user token involved.
const admin = new ManagementClient({
  domain: 'acme.auth0.com',
  clientId: process.env.M2M_CLIENT_ID,
  clientSecret: process.env.M2M_CLIENT_SECRET
});

module.exports = { readOwnProfile, admin };
