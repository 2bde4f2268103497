const rp = require('request-promise');

async function login(username, password) {
  const options = {
    method: 'POST',
    uri: `https://${process.env.AUTH0_DOMAIN}/oauth/token`,
    json: {
      grant_type: 'password',
      username,
      password,
      scope: 'openid',
      client_id: process.env.AUTH0_CLIENT_ID,
    },
  };
  return rp(options);
}

module.exports = { login };
