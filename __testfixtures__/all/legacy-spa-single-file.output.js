// A whole legacy SPA in one file: login, token storage, profile and linking.
var AUTH0_DOMAIN = 'acme.auth0.com';

var webAuth = new auth0.WebAuth({
  domain: AUTH0_DOMAIN,
  clientID: 'spa-client-id',
  redirectUri: window.location.origin + '/callback',
  responseType: 'token id_token',
  audience: 'https://' + AUTH0_DOMAIN + '/api/v2/',
  scope: 'openid profile read:current_user update:current_user_identities'
});

function handleAuthentication() {
  webAuth.parseHash(function (err, authResult) {
    if (authResult && authResult.idToken) {
      localStorage.setItem('id_token', authResult.idToken);
      localStorage.setItem('access_token', authResult.accessToken);
      localStorage.setItem('user_id', authResult.idTokenPayload.sub);
    }
  });
}

function management() {
  return new auth0.Management({
    domain: AUTH0_DOMAIN,
    token: localStorage.getItem('access_token')
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
  return 'https://' + AUTH0_DOMAIN + '/authorize?audience=https%3A%2F%2F' + AUTH0_DOMAIN + '%2Fapi%2Fv2%2F&scope=openid%20read%3Acurrent_user%20update%3Acurrent_user_identities&response_type=token%20id_token' +
    '&client_id=spa-client-id&redirect_uri=' + encodeURIComponent(window.location.origin) +
    '&nonce=' + nonce + '&state=' + state;
}
