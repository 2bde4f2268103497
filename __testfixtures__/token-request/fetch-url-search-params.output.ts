import auth0 from 'auth0-js';

const TOKEN_URL = 'https://acme.eu.auth0.com/oauth/token';

export async function login(username: string, password: string): Promise<string> {
  const res = await fetch(TOKEN_URL, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
      realm: 'Username-Password-Authentication',
      username,
      password,
      audience: 'https://acme.eu.auth0.com/api/v2/',
      scope: 'openid profile email update:current_user_metadata',
      client_id: 'abc123',
    }),
  });
  const { id_token: idToken } = await res.json();
  new auth0.Management({ domain: 'acme.eu.auth0.com', token: idToken }).patchUserMetadata('me', { theme: 'dark' }, () => {});
  return idToken;
}
