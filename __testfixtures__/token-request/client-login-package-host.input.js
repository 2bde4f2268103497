// link.js of a browser app: `webAuth` is a global created by auth.js, another script of the page.
function loginSecondary(username, password, done) {
  webAuth.client.login({ realm: 'Username-Password-Authentication', username: username, password: password }, done);
}
