// link.js of a browser app: `webAuth` is a global created by auth.js, another script of the page.
function loginSecondary(username, password, done) {
  webAuth.client.login({
    realm: 'Username-Password-Authentication',
    username: username,
    password: password,
    audience: 'https://acme.auth0.com/api/v2/',
    scope: 'openid profile email update:current_user_identities'
  }, done);
}
