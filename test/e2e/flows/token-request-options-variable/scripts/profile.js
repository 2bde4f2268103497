#!/usr/bin/env node
// Prints the Auth0 profile of a database user: node scripts/profile.js <email> <password>
'use strict';

const DOMAIN = 'example-tenant.auth0.com';
const CLIENT_ID = 'Hq5ZmR2cT8vLw3Ny6Kp0Bd4Xs7Gf9Ja1';

async function login(username, password) {
  const tokenUrl = 'https://' + DOMAIN + '/oauth/token';
  const init = {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      username: username,
      password: password,
      scope: 'openid',
      client_id: CLIENT_ID,
      client_secret: process.env.AUTH0_CLIENT_SECRET
    })
  };
  const response = await fetch(tokenUrl, init);
  const tokens = await response.json();
  if (!response.ok) {
    throw new Error('Login failed: ' + (tokens.error_description || tokens.error));
  }
  return tokens;
}

async function main() {
  const [username, password] = process.argv.slice(2);
  const tokens = await login(username, password);
  const { sub } = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString('utf8'));
  const response = await fetch('https://' + DOMAIN + '/api/v2/users/' + encodeURIComponent(sub), {
    headers: { Authorization: 'Bearer ' + tokens.id_token }
  });
  const user = await response.json();
  if (!response.ok) {
    throw new Error('Management API: ' + response.status + ' ' + user.message);
  }
  console.log('ok ' + user.email);
}

main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
