// A one-line config that the new members would push past 100 columns gets one member per line.
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc123', responseType: 'id_token' });

webAuth.parseHash(function (err, result) {
  new auth0.Management({ domain: 'acme.auth0.com', token: result.idToken }).getUser(result.idTokenPayload.sub, show);
});
