var webAuth = new auth0.WebAuth({
  domain: 'login.acme.com',
  clientID: 'abc123',
  responseType: 'id_token',
  scope: 'openid'
});

function profile(result) {
  var auth0Manage = new auth0.Management({ domain: 'login.acme.com', token: result.idToken });
  auth0Manage.getUser(result.idTokenPayload.sub, function () {});
}
