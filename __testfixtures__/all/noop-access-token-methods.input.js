// Already migrated: methods of the class that return the access token. Nothing to change.
class Auth {
  save(r) { localStorage.setItem('access_token', r.accessToken); this._at = r.accessToken; }
  accessToken() { return localStorage.getItem('access_token'); }
  getAccessToken() { return this._at; }
  load(id) {
    return fetch('https://acme.auth0.com/api/v2/users/' + id, { headers: { Authorization: 'Bearer ' + this.accessToken() } });
  }
  load2(id) {
    return new auth0.Management({ domain: 'acme.auth0.com', token: this.getAccessToken() }).getUser(id, () => {});
  }
}
