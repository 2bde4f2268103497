// @auth0/auth0-spa-js 2: authorization code flow with PKCE. The page's data-audience attribute
// is the audience it asks for; without one, auth0-spa-js gets an opaque /userinfo token.
var CLIENT_ID = scenarioClient('kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E');
var REDIRECT_URI = window.location.origin + window.location.pathname;
var audience = document.body.getAttribute('data-audience');
var authorizationParams = { redirect_uri: REDIRECT_URI, scope: 'openid profile read:current_user' };
if (audience) authorizationParams.audience = audience;

auth0.createAuth0Client({ domain: DOMAIN, clientId: CLIENT_ID, authorizationParams: authorizationParams })
  .then(function (client) {
    var ready = Promise.resolve();
    if (new URLSearchParams(window.location.search).has('code')) {
      ready = client.handleRedirectCallback().then(function () {
        history.replaceState(null, '', REDIRECT_URI);
        return client.getUser();
      }).then(function (user) {
        show('status', 'Logged in as ' + user.sub);
      });
    }
    on('login', function () { client.loginWithRedirect(); });
    on('profile-btn', function () {
      Promise.all([client.getTokenSilently(), client.getUser()]).then(function (values) {
        return showProfile(values[0], values[1].sub);
      }).catch(function (err) { show('profile', describeError(err)); });
    });
    on('silent', function () {
      client.getTokenSilently({ cacheMode: 'off', detailedResponse: true }).then(function (response) {
        show('silent-status', 'Renewed: ' + response.scope);
      }).catch(function (err) { show('silent-status', describeError(err)); });
    });
    return ready;
  })
  .catch(function (err) { show('status', describeError(err)); });
