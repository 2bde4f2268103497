// Two functions each build their own `var lock` (auth0-lock-passwordless 2.x, legacy grants
// only). The first signs the user in and stores the ID token the Management API call sends;
// the second signs in a second account whose ID token only goes to linkAccount(), as link_with.
// Only the first blocks the flow: the second login is the secondary account's, and keeps its
// ID token whatever happens to the primary one.
function loginPasswordlessSMS() {
  var lock = new Auth0LockPasswordless(AUTH0_CLIENT_ID, AUTH0_DOMAIN);
  lock.sms({ autoclose: true }, function (err, profile, id_token) {
    if (!err) {
      localStorage.setItem('id_token', id_token);
      localStorage.setItem('user_id', profile.user_id);
    }
  });
}

function linkPasswordlessSMS() {
  var lock = new Auth0LockPasswordless(AUTH0_CLIENT_ID, AUTH0_DOMAIN);
  lock.sms({ autoclose: true }, function (err, profile, id_token) {
    if (!err) {
      linkAccount(id_token);
    }
  });
}

function linkAccount(secondaryJWT) {
  var primaryJWT = localStorage.getItem('id_token');
  var primaryUserId = localStorage.getItem('user_id');
  $.ajax({
    type: 'POST',
    url: 'https://' + AUTH0_DOMAIN + '/api/v2/users/' + primaryUserId + '/identities',
    data: { link_with: secondaryJWT },
    headers: { Authorization: 'Bearer ' + primaryJWT }
  });
}
