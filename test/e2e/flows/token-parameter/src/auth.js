// The page's script keeps its functions to itself (an IIFE), as most legacy apps did.
(function () {
  var webAuth = new auth0.WebAuth({
    domain: 'example-tenant.auth0.com',
    clientID: 'kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E',
    redirectUri: window.location.origin + '/',
    responseType: 'id_token',
    scope: 'openid profile email'
  });

  function show(id, text) {
    document.getElementById(id).textContent = text;
  }

  function describeError(err) {
    return 'Error ' + (err.statusCode || err.error) + ': ' + (err.description || err.errorDescription || err.error);
  }

  // The Management API client is built from a token handed in by each caller.
  function loadProfile(idToken, userId) {
    var management = new auth0.Management({
      domain: 'example-tenant.auth0.com',
      token: idToken
    });
    management.getUser(userId, function (err, user) {
      show('result', err ? describeError(err) : 'ok ' + user.email);
    });
  }

  if (window.location.hash) {
    webAuth.parseHash(function (err, authResult) {
      if (err) {
        return show('status', describeError(err));
      }
      localStorage.setItem('id_token', authResult.idToken);
      localStorage.setItem('user_id', authResult.idTokenPayload.sub);
      history.replaceState(null, '', '/');
      show('status', 'Logged in');
    });
  }

  document.getElementById('login').addEventListener('click', function () {
    webAuth.authorize();
  });
  document.getElementById('action').addEventListener('click', function () {
    loadProfile(localStorage.getItem('id_token'), localStorage.getItem('user_id'));
  });
})();
