// Already migrated: a machine-to-machine token from a function of the file. Nothing to change.
const axios = require('axios');
async function mgmtToken() {
  const r = await axios.post(`https://${process.env.AUTH0_DOMAIN}/oauth/token`, { grant_type: 'client_credentials', client_id: process.env.CID, client_secret: process.env.SECRET, audience: process.env.AUTH0_AUDIENCE });
  return r.data.access_token;
}
async function getUser(id) {
  const token = await mgmtToken();
  return axios.get(`https://${process.env.AUTH0_DOMAIN}/api/v2/users/${id}`, { headers: { Authorization: `Bearer ${token}` } });
}
module.exports = { getUser };
