// $.ajaxSetup signs every jQuery request with the stored ID token, the app's own API's included:
// the Management API call is reported, naming the setup, and nothing changes.
var lock = new Auth0Lock('cid', 'tenant.auth0.com');
lock.on('authenticated', function (authResult) {
  localStorage.setItem('id_token', authResult.idToken);
});
$.ajaxSetup({
  beforeSend: function (xhr) {
    xhr.setRequestHeader('Authorization', 'Bearer ' + localStorage.getItem('id_token'));
  }
});
function save(userId, address) {
  $.ajax({ url: 'https://tenant.auth0.com/api/v2/users/' + userId, method: 'PATCH', data: { user_metadata: { address: address } } });
}
