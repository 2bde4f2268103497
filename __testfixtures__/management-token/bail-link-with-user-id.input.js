// Links by provider + user_id: allowed with update:users, not with a current-user token.
function linkByUserId(authResult, primaryUserId, secondary) {
  return fetch('https://acme.auth0.com/api/v2/users/' + primaryUserId + '/identities', {
    method: 'POST',
    headers: {
      Authorization: 'Bearer ' + authResult.accessToken,
      'Content-Type': 'application/json'
    },
    body: JSON.stringify({
      provider: secondary.provider,
      user_id: secondary.user_id
    })
  });
}
