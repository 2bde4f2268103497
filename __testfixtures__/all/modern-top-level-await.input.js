// Top-level await (ES2022) in a module: a password grant, then the user's own profile.
const response = await fetch('https://acme.auth0.com/oauth/token', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    grant_type: 'password',
    username: process.env.USERNAME,
    password: process.env.PASSWORD,
    client_id: 'cli-client-id',
    scope: 'openid',
  }),
});
const tokens = await response.json();
const profile = await fetch(`https://acme.auth0.com/api/v2/users/${process.env.USER_ID}`, {
  headers: { Authorization: `Bearer ${tokens.id_token}` },
});
export default await profile.json();
