// Linking by provider + user_id needs update:users, which a user's token never has: switching its
// token would break it, so it keeps the ID token (it works while the tenant still takes ID tokens).
function linkByUserId(primaryUserId, secondary) {
  var body = { provider: secondary.provider, user_id: secondary.user_id };
  return axios.post('https://acme.auth0.com/api/v2/users/' + primaryUserId + '/identities', body, {
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') }
  });
}
