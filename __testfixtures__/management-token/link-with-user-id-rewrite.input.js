function linkByUserId(primaryUserId, secondary) {
  var body = { provider: secondary.provider, user_id: secondary.user_id };
  return axios.post('https://acme.auth0.com/api/v2/users/' + primaryUserId + '/identities', body, {
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') }
  });
}
