#!/usr/bin/env node
'use strict';

const DOMAIN = process.env.AUTH0_DOMAIN || 'example-tenant.auth0.com';

async function main() {
  const [username, password] = process.argv.slice(2);
  const tokenResponse = await fetch('https://' + DOMAIN + '/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username, password, scope: 'openid', client_id: 'abc' })
  });
  const tokens = await tokenResponse.json();

  const { sub } = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString('utf8'));
  const userResponse = await fetch('https://' + DOMAIN + '/api/v2/users/' + encodeURIComponent(sub), {
    headers: { Authorization: 'Bearer ' + tokens.id_token }
  });
  console.log(JSON.stringify(await userResponse.json(), null, 2));
}

main();
