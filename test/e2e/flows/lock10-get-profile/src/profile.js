// Lock 10: getProfile takes the ID token (legacy /tokeninfo); the profile's user_id then
// addresses the Management API, which gets the same ID token.
document.getElementById('action').addEventListener('click', function () {
  var idToken = localStorage.getItem('id_token');
  lock.getProfile(idToken, function (err, profile) {
    if (err) {
      return show('result', 'Error ' + (err.error || err.statusCode) + ': ' + (err.error_description || err.description));
    }
    fetch('https://example-tenant.auth0.com/api/v2/users/' + encodeURIComponent(profile.user_id), {
      headers: { Authorization: 'Bearer ' + idToken }
    }).then(function (res) {
      return res.json().then(function (body) {
        show('result', res.ok ? 'ok ' + body.email : 'Error ' + res.status + ': ' + body.message);
      });
    });
  });
});
