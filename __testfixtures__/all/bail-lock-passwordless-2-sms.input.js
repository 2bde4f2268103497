// auth0-lock-passwordless 2.x (its sms() API, from the CDN) can never give a Management API access
// token: the login is the one place to fix, and nothing of its flow changes.
function loginPasswordlessSMS() {
  var plock = new Auth0LockPasswordless('cid', 'tenant.auth0.com');
  plock.sms({ autoclose: true }, function (err, profile, id_token) {
    if (!err) localStorage.setItem('id_token', id_token);
  });
}
function save(userId, address) {
  $.ajax({
    type: 'PATCH',
    url: 'https://tenant.auth0.com/api/v2/users/' + userId,
    data: { user_metadata: { address: address } },
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') }
  });
}
