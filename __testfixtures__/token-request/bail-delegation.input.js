var auth = new Auth0({ domain: 'acme.auth0.com', clientID: 'abc123', callbackURL: location.href });
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc123' });

auth.getDelegationToken({ id_token: localStorage.getItem('id_token'), api: 'auth0' }, function (err, result) {
  new auth0.Management({ domain: 'acme.auth0.com', token: result.id_token }).getUser(userId, render);
});

webAuth.client.delegation({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', id_token: idToken }, render);
