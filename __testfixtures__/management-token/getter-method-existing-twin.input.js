// The class already has a getter for the access token, which nothing stores yet: the Management
// API call switches to it and the login stores the access token.
class Auth {
  constructor() { this.webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' }); }
  handle() {
    this.webAuth.parseHash((err, r) => {
      localStorage.setItem('id_token', r.idToken);
    });
  }
  getToken() { return localStorage.getItem('id_token'); }
  getAccessToken() { return localStorage.getItem('access_token'); }
  getUser(id, cb) {
    return new auth0.Management({ domain: 'acme.auth0.com', token: this.getToken() }).getUser(id, cb);
  }
}
