// One-line methods, the setter bound in the constructor: the getter's result is kept in a local
// before it reaches the Management API.
class Auth {
  constructor() {
    this.webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' });
    this.setToken = this.setToken.bind(this);
  }
  handle() { this.webAuth.parseHash((err, r) => { if (r) { this.setToken(r.idToken); } }); }
  setToken(token) { localStorage.setItem('id_token', token); }
  getToken() { return localStorage.getItem('id_token'); }
  getUser(id, cb) {
    const token = this.getToken();
    return new auth0.Management({ domain: 'acme.auth0.com', token }).getUser(id, cb);
  }
}
