var request = require('request');

module.exports = function login(username, password, cb) {
  request.post({
    url: 'https://acme.auth0.com/oauth/token',
    form: {
      grant_type: 'password',
      username: username,
      password: password,
      client_id: process.env.AUTH0_CLIENT_ID
    }
  }, function (err, res, body) {
    cb(err, body && JSON.parse(body));
  });
};
