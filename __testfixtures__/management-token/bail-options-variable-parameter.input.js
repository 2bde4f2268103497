// Options held in a variable carry a parameter's token: reported as they would be written at the call.
const request = require('request');
module.exports = function link(primaryUserId, primaryIdToken, secondaryIdToken, cb) {
  var options = {
    method: 'POST',
    url: 'https://' + process.env.AUTH0_DOMAIN + '/api/v2/users/' + primaryUserId + '/identities',
    headers: { authorization: 'Bearer ' + primaryIdToken },
    json: { link_with: secondaryIdToken }
  };
  request(options, cb);
};
