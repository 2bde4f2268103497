const querystring = require('querystring');
const express = require('express');
const { ManagementClient } = require('auth0');

const app = express();
const AUTH0_DOMAIN = process.env.AUTH0_DOMAIN;

app.get('/login', (req, res) => {
  res.redirect(`https://${AUTH0_DOMAIN}/authorize?${querystring.stringify({
    response_type: 'id_token',
    response_mode: 'form_post',
    client_id: process.env.AUTH0_CLIENT_ID,
    redirect_uri: 'http://localhost:3000/callback',
    scope: 'openid email',
    nonce: req.session.nonce,
  })}`);
});

app.post('/callback', async (req, res) => {
  const management = new ManagementClient({ domain: AUTH0_DOMAIN, token: req.body.id_token });
  res.json(await management.getUser({ id: req.session.userId }));
});
