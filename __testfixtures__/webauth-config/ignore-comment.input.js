/* global auth0 */
// The team keeps this login as it is for now (a second WebAuth asks for the Management API).
// auth0-mgmt-codemod-ignore: legacy kiosk login, replaced next quarter
var kioskAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'kiosk123',
  responseType: 'id_token',
  scope: 'openid'
});

// Not marked: migrated as usual.
var webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'web123',
  responseType: 'id_token',
  scope: 'openid'
});

function showProfile(userId, idToken, render) {
  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, render);
}
