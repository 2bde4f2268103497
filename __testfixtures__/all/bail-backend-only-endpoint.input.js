// Deleting an MFA enrollment and searching users need update:users / read:users, which Auth0 never
// grants to a signed-in user's token: the flow stays on the ID token, and each call is reported
// for a backend.
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'id_token', scope: 'openid' });
webAuth.parseHash(function (err, authResult) {
  localStorage.setItem('id_token', authResult.idToken);
});

export function resetMfa(userId) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId + '/multifactor/google-authenticator', {
    method: 'DELETE',
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') },
  });
}

export function findByEmail(email) {
  return fetch('https://acme.auth0.com/api/v2/users?q=email:' + encodeURIComponent(email), {
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') },
  });
}
