// The package already stores the access token (under its own key) in another file.
function getManagement() {
  return new auth0.Management({
    domain: 'example-tenant.auth0.com',
    token: localStorage.getItem('auth0.access_token')
  });
}

function showProfile() {
  getManagement().getUser(localStorage.getItem('user_id'), render);
}
