/* global auth0 */
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc123', responseType: 'id_token', scope: 'openid' });

// auth0-mgmt-codemod-ignore: the kiosk flow asks for an ID token only
webAuth.authorize({ responseType: 'id_token', scope: 'openid' });

webAuth.popup.authorize({ responseType: 'id_token', scope: 'openid' }, function () {});

function showProfile(userId, idToken, render) {
  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, render);
}
