#!/usr/bin/env node
// Prints the Auth0 profile of a database user.
// Usage: AUTH0_CLIENT_SECRET=... node scripts/get-token.js <email> <password>
'use strict';

const DOMAIN = process.env.AUTH0_DOMAIN || 'example-tenant.auth0.com';
const CLIENT_ID = 'Hq5ZmR2cT8vLw3Ny6Kp0Bd4Xs7Gf9Ja1';

async function main() {
  const [username, password] = process.argv.slice(2);
  if (!username || !password) {
    throw new Error('Usage: node scripts/get-token.js <email> <password>');
  }

  const tokenResponse = await fetch('https://' + DOMAIN + '/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      username,
      password,
      scope: 'openid',
      client_id: CLIENT_ID,
      client_secret: process.env.AUTH0_CLIENT_SECRET
    })
  });
  const tokens = await tokenResponse.json();
  if (!tokenResponse.ok) {
    throw new Error('Login failed: ' + (tokens.error_description || tokens.error));
  }

  const { sub } = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString('utf8'));
  const userResponse = await fetch('https://' + DOMAIN + '/api/v2/users/' + encodeURIComponent(sub), {
    headers: { Authorization: 'Bearer ' + tokens.id_token }
  });
  const user = await userResponse.json();
  if (!userResponse.ok) {
    throw new Error('Management API: ' + userResponse.status + ' ' + (user.message || user.error));
  }
  console.log(JSON.stringify(user, null, 2));
}

main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
