const axios = require('axios');
const { ManagementClient } = require('auth0');

async function managementToken() {
  const { data } = await axios.post(`https://${process.env.AUTH0_DOMAIN}/oauth/token`, {
    grant_type: 'client_credentials',
    client_id: process.env.AUTH0_CLIENT_ID,
    client_secret: process.env.AUTH0_CLIENT_SECRET,
    audience: `https://${process.env.AUTH0_DOMAIN}/api/v2/`,
  });
  return data.access_token;
}

managementToken().then((token) => new ManagementClient({ domain: process.env.AUTH0_DOMAIN, token }).getUser({ id: 'auth0|1' }));
