// The app's own API checks the ID token itself: not the Management API, nothing to migrate.
function loadOrders() {
  return fetch('/api/orders', {
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') }
  });
}

// A backend route that happens to mirror the Management API's path: relative, so the app's own.
function loadProfile(userId) {
  return fetch('/api/v2/users/' + userId, {
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') }
  });
}

function callPartner(authResult) {
  return axios.get('https://partner.example.com/profile', {
    headers: { Authorization: `Bearer ${authResult.idToken}` }
  });
}
