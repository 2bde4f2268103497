var AUTH0_DOMAIN = 'acme.auth0.com';

function login(username, password, done) {
  $.ajax({
    url: 'https://' + AUTH0_DOMAIN + '/oauth/ro',
    type: 'POST',
    data: { client_id: 'abc123', username: username, password: password, connection: 'db', grant_type: 'password', scope: 'openid' },
    success: function (result) {
      new auth0.Management({ domain: AUTH0_DOMAIN, token: result.id_token }).getUser(result.user_id, done);
    }
  });
}
