var lock = new Auth0Lock('kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E', 'example-tenant.auth0.com', {
  auth: {
    redirectUrl: window.location.origin + '/',
    responseType: 'token',
    params: { scope: 'openid email' }
  },
  allowSignUp: false,
  allowForgotPassword: false,
  rememberLastLogin: false
});

function show(id, text) {
  document.getElementById(id).textContent = text;
}

lock.on('authenticated', function (authResult) {
  localStorage.setItem('id_token', authResult.idToken);
  history.replaceState(null, '', '/');
  show('status', 'Logged in');
});

document.getElementById('login').addEventListener('click', function () {
  lock.show();
});
