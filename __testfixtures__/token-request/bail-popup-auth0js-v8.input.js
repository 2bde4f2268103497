/* global auth0 */
// auth0.js v8 popup flows: neither call can ask for the Management API audience.
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc123', responseType: 'token id_token' });

function verifyCode(email, code, done) {
  webAuth.popup.passwordlessVerify({ connection: 'email', email: email, verificationCode: code }, done);
}

function loginWithPassword(username, password, done) {
  webAuth.popup.loginWithCredentials({ connection: 'db', username: username, password: password, scope: 'openid' }, done);
}

// Not auth0.js: a popup helper of the app's own.
var dialogs = { popup: { loginWithCredentials: function () {} } };
dialogs.popup.loginWithCredentials();
