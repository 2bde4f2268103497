var webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  responseType: 'token id_token'
});

function login(username, password) {
  webAuth.client.login({
    realm: 'Username-Password-Authentication',
    username: username,
    password: password,
    audience: 'https://acme.auth0.com/api/v2/',
    scope: 'openid email profile read:current_user'
  }, function (err, result) {
    if (err) return showError(err);
    new auth0.Management({ domain: 'acme.auth0.com', token: result.idToken }).getUser(encodeURIComponent(result.idTokenPayload.sub), render);
  });
}
