var config = {
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  responseType: 'id_token',
  scope: 'openid email'
};

var webAuth = new auth0.WebAuth(config);

function saveNickname(userId, nickname, idToken) {
  var manage = new auth0.Management({ domain: config.domain, token: idToken });
  manage.patchUserAttributes(userId, { nickname: nickname }, function () {});
}
