/* global auth0, localStorage */
// Shows the signed-in user's full profile from the Management API.
export function loadProfile(render) {
  const userId = localStorage.getItem('user_id');
  const auth0Manage = new auth0.Management({
    domain: 'acme.auth0.com',
    token: localStorage.getItem('id_token')
  });
  auth0Manage.getUser(userId, function (err, user) {
    if (err) return render(err);
    render(null, user);
  });
}
