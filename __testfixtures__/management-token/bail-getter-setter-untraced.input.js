// The setter is given a token from outside the file: the codemod cannot store the access token
// beside it, so neither the store nor the Management API call changes.
class Auth {
  constructor() { this.webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' }); }
  signedIn(token) { this.setToken(token); }
  setToken(token) { localStorage.setItem('id_token', token); }
  getToken() { return localStorage.getItem('id_token'); }
  getUser(id, cb) {
    return new auth0.Management({ domain: 'acme.auth0.com', token: this.getToken() }).getUser(id, cb);
  }
}
