export function legacyLogin(username, password, done) {
  // auth0-mgmt-codemod-ignore: this flow is being removed
  webAuth.client.loginWithResourceOwner({ connection: 'db', username, password }, done);
}

new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, render);
