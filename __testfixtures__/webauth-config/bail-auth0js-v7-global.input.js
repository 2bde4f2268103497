/* global Auth0, $ */
// auth0.js v7 from the CDN: the client itself cannot ask for an API audience.
var auth0Client = new Auth0({
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  callbackURL: 'https://app.example.com/callback',
  responseType: 'token'
});

function showProfile(userId, idToken, render) {
  $.ajax({ url: 'https://acme.auth0.com/api/v2/users/' + userId, headers: { Authorization: 'Bearer ' + idToken } }).done(render);
}
