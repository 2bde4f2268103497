// Logs in with a password grant but never calls the Management API: nothing to migrate.
const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc123' });

export function login(username, password, done) {
  webAuth.client.login({ realm: 'Username-Password-Authentication', username, password }, done);
  return fetch('https://acme.auth0.com/oauth/token', {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'password', username, password, client_id: 'abc123' }),
  });
}

export function legacyLogin(username, password, done) {
  webAuth.client.loginWithResourceOwner({ connection: 'db', username, password }, done);
}
