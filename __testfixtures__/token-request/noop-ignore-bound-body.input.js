// The ignore comment stands above the body, which a later call sends.
// auth0-mgmt-codemod-ignore: test login, ID token only
const testLoginBody = { grant_type: 'password', username: 'test', password: 'secret', client_id: 'abc', scope: 'openid' };

export async function testLogin() {
  const response = await fetch('https://acme.auth0.com/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(testLoginBody),
  });
  return response.json();
}

export function profile(userId, token) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, { headers: { Authorization: 'Bearer ' + token } });
}
