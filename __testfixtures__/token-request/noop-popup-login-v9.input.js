/* global auth0 */
// auth0.js v9 passes the WebAuth audience and scope on popup.loginWithCredentials: nothing to report.
var webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc123', audience: 'https://acme.auth0.com/api/v2/', scope: 'openid read:current_user', responseType: 'token id_token' });

function loginWithPassword(username, password, done) {
  webAuth.popup.loginWithCredentials({ connection: 'db', username: username, password: password }, done);
}
