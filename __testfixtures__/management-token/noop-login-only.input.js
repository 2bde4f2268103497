// Logs in and shows the ID token's claims; never calls the Management API.
var webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc',
  responseType: 'id_token',
  scope: 'openid profile email'
});

webAuth.parseHash(function (err, authResult) {
  if (authResult && authResult.idToken) {
    localStorage.setItem('id_token', authResult.idToken);
    document.getElementById('name').textContent = authResult.idTokenPayload.name;
  }
});

function logout() {
  localStorage.removeItem('id_token');
  webAuth.logout({ returnTo: window.location.origin });
}
