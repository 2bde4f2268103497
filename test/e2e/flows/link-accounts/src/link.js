// The other account signs in with its own login; its ID token proves that the user controls it.
var linkAuth = new auth0.WebAuth({
  domain: 'example-tenant.auth0.com',
  clientID: 'kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E',
  redirectUri: window.location.origin + '/link.html',
  responseType: 'id_token',
  scope: 'openid'
});

function showResult(text) {
  document.getElementById('result').textContent = text;
}

document.getElementById('link-login').addEventListener('click', function () {
  linkAuth.authorize({ prompt: 'login' });
});

if (window.location.hash) {
  linkAuth.parseHash(function (err, secondary) {
    if (err) {
      return showResult('Error ' + err.error + ': ' + err.errorDescription);
    }
    var management = new auth0.Management({
      domain: 'example-tenant.auth0.com',
      token: localStorage.getItem('id_token')
    });
    management.linkUser(localStorage.getItem('user_id'), secondary.idToken, function (err, identities) {
      showResult(err ? 'Error ' + err.statusCode + ': ' + (err.description || err.error) : 'ok ' + identities.length + ' identities');
    });
  });
}
