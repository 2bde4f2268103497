var webAuth = new auth0.WebAuth({
  domain: 'example-tenant.auth0.com',
  clientID: 'kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E',
  redirectUri: window.location.origin + '/callback.html',
  responseType: 'id_token',
  scope: 'openid profile email'
});

function showMessage(elementId, text) {
  document.getElementById(elementId).textContent = text;
}

function describeError(err) {
  return 'Error ' + (err.statusCode || err.code || err.error) + ': ' +
    (err.description || err.errorDescription || err.error);
}

function login() {
  webAuth.authorize();
}

function handleAuthentication() {
  webAuth.parseHash(function (err, authResult) {
    if (err) {
      return showMessage('login-status', describeError(err));
    }
    if (authResult && authResult.idToken) {
      localStorage.setItem('id_token', authResult.idToken);
      localStorage.setItem('user_id', authResult.idTokenPayload.sub);
      window.location.replace('/');
    }
  });
}

var loginButton = document.getElementById('btn-login');
if (loginButton) {
  loginButton.addEventListener('click', login);
  if (localStorage.getItem('id_token')) {
    showMessage('login-status', 'Logged in as ' + localStorage.getItem('user_id'));
  }
}
