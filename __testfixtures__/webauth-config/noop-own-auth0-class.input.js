// The app's own class named Auth0 (a wrapper of its own): not auth0.js v7, nothing to report.
class Auth0 {
  constructor(options) {
    this.options = options;
  }

  login() {
    window.location.assign('/login?tenant=' + this.options.domain);
  }
}

export const client = new Auth0({ domain: 'acme.auth0.com', clientID: 'abc123' });

export function profile(userId, token) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, { headers: { Authorization: 'Bearer ' + token } });
}
