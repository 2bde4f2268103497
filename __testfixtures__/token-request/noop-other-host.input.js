// The app's own Laravel Passport server also has an /oauth/token with a password grant.
export function apiLogin(username, password) {
  return fetch('https://api.example.com/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username, password, client_id: 2, scope: '' }),
  });
}

export function proxyLogin(username, password) {
  return $.post('/oauth/token', { grant_type: 'password', username: username, password: password });
}

new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, render);
