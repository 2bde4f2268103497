var AUTH0_DOMAIN = window.AUTH0_DOMAIN;

function login(username, password, done) {
  fetch('https://' + AUTH0_DOMAIN + '/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&client_id=' + CLIENT_ID + '&username=' + encodeURIComponent(username) + '&password=' + encodeURIComponent(password) + '&audience=' + encodeURIComponent('https://' + AUTH0_DOMAIN + '/api/v2/') + '&scope=openid%20profile%20email%20read%3Acurrent_user%20update%3Acurrent_user_identities'
  }).then(function (r) { return r.json(); }).then(done);
}
