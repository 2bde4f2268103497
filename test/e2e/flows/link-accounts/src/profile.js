document.getElementById('action').addEventListener('click', function () {
  var management = new auth0.Management({
    domain: 'example-tenant.auth0.com',
    token: localStorage.getItem('id_token')
  });
  management.getUser(localStorage.getItem('user_id'), function (err, user) {
    show('result', err ? describeError(err) : 'ok ' + user.email);
  });
});
