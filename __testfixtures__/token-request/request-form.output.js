var request = require('request');

module.exports = function login(username, password, cb) {
  request.post({
    url: 'https://acme.auth0.com/oauth/token',
    form: {
      grant_type: 'password',
      username: username,
      password: password,
      audience: 'https://acme.auth0.com/api/v2/',
      scope: 'openid profile email read:current_user update:current_user_metadata',
      client_id: process.env.AUTH0_CLIENT_ID
    }
  }, function (err, res, body) {
    cb(err, body && JSON.parse(body));
  });
};
