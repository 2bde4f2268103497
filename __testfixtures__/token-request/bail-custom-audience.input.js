export function login(username, password) {
  return fetch('https://acme.auth0.com/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      username,
      password,
      audience: 'https://api.acme.com',
      scope: 'openid read:orders',
    }),
  });
}

const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc123', audience: 'https://api.acme.com' });
webAuth.client.loginWithDefaultDirectory({ username: 'a', password: 'b' }, render);

new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, render);
