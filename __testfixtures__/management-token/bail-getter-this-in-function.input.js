// `this.getToken()` is called inside a plain `function () {}`, whose `this` is not the Auth
// instance: it is not the class's getter, so no twin of it is made. Left alone, with a finding.
class Auth {
  constructor() {
    this.webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' });
    this.setToken = this.setToken.bind(this);
  }
  handle() { this.webAuth.parseHash((err, r) => { if (r) { this.setToken(r.idToken); } }); }
  setToken(token) { localStorage.setItem('id_token', token); }
  getToken() { return localStorage.getItem('id_token'); }
  getUser(id, cb) {
    setTimeout(function () {
      new auth0.Management({ domain: 'acme.auth0.com', token: this.getToken() }).getUser(id, cb);
    }, 0);
  }
}
