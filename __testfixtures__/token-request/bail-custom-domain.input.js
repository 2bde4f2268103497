const webAuth = new auth0.WebAuth({ domain: 'login.acme.com', clientID: 'abc123' });

export function login(username, password) {
  return fetch('https://login.acme.com/oauth/token', {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'password', username, password, client_id: 'abc123' }),
  });
}

export function loginWithClient(username, password, done) {
  webAuth.client.login({ realm: 'db', username, password }, done);
}

new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, render);
