/* global $ */
// Another file of the package calls $.ajaxSetup to sign every jQuery request (the package facts
// say so): this call has no header of its own and gets that token.
function save(userId, address) {
  $.ajax({ url: 'https://tenant.auth0.com/api/v2/users/' + userId, method: 'PATCH', data: { user_metadata: { address: address } } });
}
