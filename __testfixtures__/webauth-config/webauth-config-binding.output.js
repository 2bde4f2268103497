var config = {
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  responseType: 'token id_token',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid email update:current_user_metadata'
};

var webAuth = new auth0.WebAuth(config);

function saveNickname(userId, nickname, idToken) {
  var manage = new auth0.Management({ domain: config.domain, token: idToken });
  manage.patchUserAttributes(userId, { nickname: nickname }, function () {});
}
