// Renews the token silently before each Management API call.
document.getElementById('action').addEventListener('click', function () {
  webAuth.checkSession({ responseType: 'id_token', scope: 'openid' }, function (err, authResult) {
    if (err) {
      return show('result', describeError(err));
    }
    var management = new auth0.Management({ domain: 'example-tenant.auth0.com', token: authResult.idToken });
    management.getUser(authResult.idTokenPayload.sub, function (err, user) {
      show('result', err ? describeError(err) : 'ok ' + user.email);
    });
  });
});
