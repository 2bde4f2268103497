// Members added to an object laid out one per line follow, with its indentation and trailing comma.
const webAuth = new auth0.WebAuth({
    domain: 'acme.auth0.com',
    clientID: 'abc123',
    responseType: 'id_token',
});

webAuth.parseHash((err, result) => {
  new auth0.Management({ domain: 'acme.auth0.com', token: result.idToken }).getUser(result.idTokenPayload.sub, show);
});
