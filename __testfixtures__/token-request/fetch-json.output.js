const AUTH0_DOMAIN = 'acme.auth0.com';
const CLIENT_ID = 'abc123';

export async function signIn(username, password) {
  const response = await fetch(`https://${AUTH0_DOMAIN}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      username,
      password,
      audience: `https://${AUTH0_DOMAIN}/api/v2/`,
      scope: 'openid profile email read:current_user',
      client_id: CLIENT_ID,
    }),
  });
  const tokens = await response.json();
  const auth0Manage = new auth0.Management({ domain: AUTH0_DOMAIN, token: tokens.id_token });
  auth0Manage.getUser(tokens.sub, () => {});
  return tokens;
}
