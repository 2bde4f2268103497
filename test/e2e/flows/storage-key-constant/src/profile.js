document.getElementById('action').addEventListener('click', function () {
  var management = new auth0.Management({
    domain: 'example-tenant.auth0.com',
    token: localStorage.getItem(TOKEN_KEY)
  });
  management.getUser(localStorage.getItem(USER_KEY), function (err, user) {
    show('result', err ? describeError(err) : 'ok ' + user.email);
  });
});
