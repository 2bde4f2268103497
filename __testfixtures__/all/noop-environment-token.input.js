// A server's Management API token from its environment (an API or machine-to-machine token) is
// no user's ID token: nothing to migrate, and listing users is that token's own business.
const request = require('request');
function listUsers(cb) {
  request({ url: 'https://' + process.env.AUTH0_DOMAIN + '/api/v2/users', headers: { Authorization: 'Bearer ' + process.env.AUTH0_APIV2_TOKEN }, json: true }, cb);
}
function link(primary, provider, userId, cb) {
  request({
    method: 'POST',
    url: 'https://' + process.env.AUTH0_DOMAIN + '/api/v2/users/' + primary + '/identities',
    headers: { Authorization: 'Bearer ' + process.env.AUTH0_APIV2_TOKEN },
    json: { provider: provider, user_id: userId }
  }, cb);
}
module.exports = { listUsers, link };
