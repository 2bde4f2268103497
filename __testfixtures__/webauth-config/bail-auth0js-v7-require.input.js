var Auth0 = require('auth0-js');

// auth0.js v7 through a bundler: the package's default export is the client class.
var client = new Auth0({ domain: 'acme.auth0.com', clientID: 'abc123', callbackURL: location.origin + '/callback' });

function profile(userId, idToken) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, { headers: { Authorization: 'Bearer ' + idToken } });
}

module.exports = { client: client, profile: profile };
