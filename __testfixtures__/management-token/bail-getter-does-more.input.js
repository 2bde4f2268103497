// The getter does more than return the token: a copy of it would log in twice.
class Auth {
  constructor() { this.webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' }); }
  handle() { this.webAuth.parseHash((err, r) => { localStorage.setItem('id_token', r.idToken); }); }
  getToken() {
    const token = localStorage.getItem('id_token');
    if (!token) this.webAuth.authorize();
    return token;
  }
  getUser(id, cb) {
    return new auth0.Management({ domain: 'acme.auth0.com', token: this.getToken() }).getUser(id, cb);
  }
}
