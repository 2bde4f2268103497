function linkAccount() {
  var username = document.getElementById('link-username').value;
  var password = document.getElementById('link-password').value;

  // The other account signs in here; its ID token proves to the Management API that the
  // signed-in user controls it.
  webAuth.client.login({
    realm: 'Username-Password-Authentication',
    username: username,
    password: password
  }, function (err, result) {
    if (err) {
      return showMessage('link-status', describeError(err));
    }
    var management = new auth0.Management({
      domain: 'example-tenant.auth0.com',
      token: localStorage.getItem('id_token')
    });
    management.linkUser(localStorage.getItem('user_id'), result.idToken, function (err, identities) {
      if (err) {
        return showMessage('link-status', describeError(err));
      }
      showMessage('link-status', 'Linked accounts: ' + identities.map(function (identity) {
        return identity.provider + '|' + identity.user_id;
      }).join(', '));
    });
  });
}

document.getElementById('btn-link').addEventListener('click', linkAccount);
