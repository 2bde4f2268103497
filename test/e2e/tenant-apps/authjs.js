// A SPA on auth0.js 9 that gets a Management API access token at login, silently with
// checkSession (web_message) or renewAuth (fragment in an iframe), or falls back to a login.
var CLIENT_ID = scenarioClient('kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E');
var REDIRECT_URI = window.location.origin + window.location.pathname;

var webAuth = new auth0.WebAuth({
  domain: DOMAIN,
  clientID: CLIENT_ID,
  redirectUri: REDIRECT_URI,
  responseType: 'token id_token',
  audience: MANAGEMENT_AUDIENCE,
  scope: 'openid profile read:current_user'
});

var plainAuth = new auth0.WebAuth({
  domain: DOMAIN,
  clientID: CLIENT_ID,
  redirectUri: REDIRECT_URI,
  responseType: 'id_token',
  scope: 'openid profile'
});

function store(result) {
  if (result.accessToken) localStorage.setItem('access_token', result.accessToken);
  localStorage.setItem('user_id', result.idTokenPayload.sub);
}

function silentResult(err, result) {
  if (err) return show('silent', describeError(err));
  store(result);
  show('silent', 'Renewed: ' + result.scope);
}

if (window.location.hash) {
  // A login without an audience answers with an ID token only: parse it with that config.
  var parser = /[#&]access_token=/.test(window.location.hash) || /[#&]error=/.test(window.location.hash) ? webAuth : plainAuth;
  parser.parseHash(function (err, result) {
    history.replaceState(null, '', REDIRECT_URI);
    if (err) return show('status', describeError(err));
    store(result);
    show('status', 'Logged in as ' + result.idTokenPayload.sub);
  });
}

on('login', function () { webAuth.authorize(); });
on('login-plain', function () { plainAuth.authorize(); });
on('check-session', function () { webAuth.checkSession({}, silentResult); });
on('renew-auth', function () {
  webAuth.renewAuth({ redirectUri: window.location.origin + '/silent-callback.html', usePostMessage: false }, silentResult);
});
on('renew-or-login', function () {
  webAuth.checkSession({}, function (err, result) {
    if (err && (err.error === 'login_required' || err.error === 'consent_required')) return webAuth.authorize();
    silentResult(err, result);
  });
});
on('profile-btn', function () {
  showProfile(localStorage.getItem('access_token'), localStorage.getItem('user_id'));
});
