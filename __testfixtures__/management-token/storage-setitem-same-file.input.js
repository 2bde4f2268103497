var webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E',
  responseType: 'token id_token',
  scope: 'openid read:current_user'
});

function handleAuthentication() {
  webAuth.parseHash(function (err, authResult) {
    if (authResult && authResult.idToken) {
      localStorage.setItem("id_token", authResult.idToken);
      localStorage.setItem("user_id", authResult.idTokenPayload.sub);
    }
  });
}

function logout() {
  localStorage.removeItem("id_token");
  localStorage.removeItem("user_id");
}

function showProfile() {
  var idToken = localStorage.getItem("id_token");
  var auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: idToken });
  auth0Manage.getUser(localStorage.getItem("user_id"), render);
}
