const webAuth = new auth0.WebAuth({
  domain: 'login.acme.com',
  clientID: 'abc123',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid profile email read:current_user',
  responseType: 'token id_token'
});

webAuth.parseHash((err, result) => {
  new auth0.Management({ domain: 'login.acme.com', token: result.idToken }).getUser(result.idTokenPayload.sub, console.log);
});
