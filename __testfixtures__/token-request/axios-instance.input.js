const axios = require('axios');

const auth = axios.create({ baseURL: 'https://acme.au.auth0.com/' });

const credentials = {
  grant_type: 'password',
  username: process.argv[2],
  password: process.argv[3],
  client_id: process.env.CLIENT_ID,
};

auth.post('/oauth/token', credentials).then(({ data }) => {
  return axios.get('https://acme.au.auth0.com/api/v2/users/' + encodeURIComponent(data.sub), {
    headers: { Authorization: 'Bearer ' + data.id_token },
  });
});
