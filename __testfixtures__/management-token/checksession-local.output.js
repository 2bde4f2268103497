const auth0 = require('auth0-js');

const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc' });

function refreshProfile(render) {
  webAuth.checkSession({}, function (err, result) {
    if (err) return render(null);
    const token = result.idToken;
    const decoded = jwtDecode(token);
    const domain = 'acme.auth0.com';
    const client = new auth0.Management({ domain, token: result.accessToken });
    client.getUser(decoded.sub, function (e, user) {
      render(user);
    });
  });
}
