// Account linking as the legacy user-initiated-linking docs wrote it.
function linkAccount(secondaryJWT) {
  var primaryUserId = localStorage.getItem('user_id');
  $.ajax({
    type: 'POST',
    url: 'https://' + AUTH0_DOMAIN + '/api/v2/users/' + primaryUserId + '/identities',
    data: {
      link_with: secondaryJWT
    },
    headers: {
      'Authorization': 'Bearer ' + localStorage.getItem('access_token')
    }
  }).then(function (identities) {
    reloadProfile();
  });
}

function unlinkAccount(provider, secondaryUserId) {
  var primaryJWT = localStorage.getItem('id_token');
  var primaryUserId = localStorage.getItem('user_id');
  $.ajax({
    type: 'DELETE',
    url: 'https://' + AUTH0_DOMAIN + '/api/v2/users/' + primaryUserId +
         '/identities/' + provider + '/' + secondaryUserId,
    headers: {
      'Authorization': 'Bearer ' + localStorage.getItem('access_token')
    }
  });
}
