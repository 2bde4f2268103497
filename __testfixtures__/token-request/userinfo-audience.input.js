const AUTH0_DOMAIN = 'acme.auth0.com';

export function login(username, password) {
  return fetch('https://acme.auth0.com/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      username,
      password,
      audience: 'https://acme.auth0.com/userinfo',
      scope: 'openid',
      client_id: 'abc123',
    }),
  }).then((r) => r.json());
}

export function profile(userId, idToken) {
  return fetch(`https://${AUTH0_DOMAIN}/api/v2/users/${userId}`, { headers: { Authorization: `Bearer ${idToken}` } });
}
