document.getElementById('action').addEventListener('click', function () {
  var url = 'https://example-tenant.auth0.com/api/v2/users/' + encodeURIComponent(localStorage.getItem('user_id'));
  fetchAsUser(url).then(function (res) {
    return res.json().then(function (body) {
      show('result', res.ok ? 'ok ' + body.email : 'Error ' + res.status + ': ' + body.message);
    });
  });
});
