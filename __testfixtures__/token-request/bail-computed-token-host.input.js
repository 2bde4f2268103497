/* global getDomain, config */
// The token URL's host is computed by calls: an audience built from it would call them again.
export async function login(username, password) {
  const response = await fetch(`https://${getDomain()}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username, password, client_id: 'abc', scope: 'openid' }),
  });
  return response.json();
}

export function loginAgain(username, password) {
  return fetch('https://' + config.tenant() + '.auth0.com/oauth/token', {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', username, password, client_id: 'abc' }),
  });
}

export function profile(userId, token) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, { headers: { Authorization: 'Bearer ' + token } });
}
