// A small Node script: password grant, then the user's own profile.
const DOMAIN = process.env.AUTH0_DOMAIN || 'acme.eu.auth0.com';

export async function fetchProfile(username: string, password: string): Promise<unknown> {
  const tokenResponse = await fetch('https://' + DOMAIN + '/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      username,
      password,
      scope: 'openid',
      client_id: process.env.AUTH0_CLIENT_ID,
      client_secret: process.env.AUTH0_CLIENT_SECRET,
    }),
  });
  const tokens = await tokenResponse.json();
  const sub = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString()).sub;
  const user = await fetch('https://' + DOMAIN + '/api/v2/users/' + encodeURIComponent(sub), {
    headers: { Authorization: 'Bearer ' + tokens.id_token },
  });
  return user.json();
}
