/* global auth0 */
var webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  responseType: 'token id_token',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid read:current_user'
});

// auth0-mgmt-codemod-ignore: the kiosk flow asks for an ID token only
webAuth.authorize({ responseType: 'id_token', scope: 'openid' });

webAuth.popup.authorize({ responseType: 'token id_token', scope: 'openid read:current_user' }, function () {});

function showProfile(userId, idToken, render) {
  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, render);
}
