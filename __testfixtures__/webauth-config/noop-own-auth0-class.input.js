// The app's own class named Auth0 (a wrapper around auth0.js v9): not auth0.js v7.
class Auth0 {
  constructor(options) {
    this.webAuth = new window.auth0.WebAuth(options);
  }
}

export const client = new Auth0({ domain: 'acme.auth0.com', clientID: 'abc123' });

export function profile(userId, token) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, { headers: { Authorization: 'Bearer ' + token } });
}
