var AUTH0_DOMAIN = window.AUTH0_DOMAIN;

function login(username, password, done) {
  fetch('https://' + AUTH0_DOMAIN + '/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&client_id=' + CLIENT_ID + '&username=' + encodeURIComponent(username) + '&password=' + encodeURIComponent(password)
  }).then(function (r) { return r.json(); }).then(done);
}
