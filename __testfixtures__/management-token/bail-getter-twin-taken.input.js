// getAccessToken is taken by a method that returns the ID token: the codemod cannot add the twin
// under that name, and the call is left for its owner.
class Auth {
  constructor() { this.webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' }); }
  handle() { this.webAuth.parseHash((err, r) => { localStorage.setItem('id_token', r.idToken); }); }
  getToken() { return localStorage.getItem('id_token'); }
  getAccessToken() { return this.getToken(); }
  getUser(id, cb) {
    return new auth0.Management({ domain: 'acme.auth0.com', token: this.getToken() }).getUser(id, cb);
  }
}
