// A test helper logs in a fixture user; it never calls the Management API with this token.
export async function testLogin(username, password) {
  // auth0-mgmt-codemod-ignore: test login, ID token only
  const response = await fetch('https://acme.auth0.com/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username, password, client_id: 'abc', scope: 'openid' }),
  });
  return response.json();
}

export function profile(userId, token) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, { headers: { Authorization: 'Bearer ' + token } });
}

// Not marked: migrated as usual.
export async function login(username, password) {
  const response = await fetch('https://acme.auth0.com/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      username,
      password,
      client_id: 'abc',
      audience: 'https://acme.auth0.com/api/v2/',
      scope: 'openid read:current_user',
    }),
  });
  return response.json();
}
