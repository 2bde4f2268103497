const SCOPE = 'openid profile';

const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  responseType: 'id_token',
  scope: SCOPE
});

webAuth.parseHash(function (err, result) {
  new auth0.Management({ domain: 'acme.auth0.com', token: result.idToken }).getUser(result.idTokenPayload.sub, render);
});
