/* global auth0 */
function showProfile(authResult, render) {
  // auth0-mgmt-codemod-ignore: this page goes away with the kiosk login
  var management = new auth0.Management({
    domain: 'acme.auth0.com',
    token: authResult.idToken
  });
  management.getUser(authResult.idTokenPayload.sub, render);
}

// Not marked: migrated as usual.
function showSettings(authResult, render) {
  new auth0.Management({ domain: 'acme.auth0.com', token: authResult.idToken }).getUser(authResult.idTokenPayload.sub, render);
}
