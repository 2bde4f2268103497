// A whole legacy SPA in one file: login, token storage, profile and linking.
var AUTH0_DOMAIN = 'acme.auth0.com';

var webAuth = new auth0.WebAuth({
  domain: AUTH0_DOMAIN,
  clientID: 'spa-client-id',
  redirectUri: window.location.origin + '/callback',
  responseType: 'id_token',
  scope: 'openid profile'
});

function handleAuthentication() {
  webAuth.parseHash(function (err, authResult) {
    if (authResult && authResult.idToken) {
      localStorage.setItem('id_token', authResult.idToken);
      localStorage.setItem('user_id', authResult.idTokenPayload.sub);
    }
  });
}

function management() {
  return new auth0.Management({
    domain: AUTH0_DOMAIN,
    token: localStorage.getItem('id_token')
  });
}

function showProfile(render) {
  management().getUser(localStorage.getItem('user_id'), function (err, user) {
    render(err, user);
  });
}

function linkAccount(secondaryIdToken, done) {
  management().linkUser(localStorage.getItem('user_id'), secondaryIdToken, done);
}

function loginUrl(nonce, state) {
  return 'https://' + AUTH0_DOMAIN + '/authorize?scope=openid&response_type=id_token' +
    '&client_id=spa-client-id&redirect_uri=' + encodeURIComponent(window.location.origin) +
    '&nonce=' + nonce + '&state=' + state;
}
