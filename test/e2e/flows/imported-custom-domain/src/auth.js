/* global auth0 */
import { AUTH_CONFIG } from './auth0-variables.js';

const webAuth = new auth0.WebAuth({
  domain: AUTH_CONFIG.domain,
  clientID: AUTH_CONFIG.clientId,
  redirectUri: window.location.origin + '/',
  responseType: AUTH_CONFIG.responseType,
  scope: 'openid profile email'
});

function show(id, text) {
  document.getElementById(id).textContent = text;
}

function describeError(err) {
  return 'Error ' + (err.statusCode || err.error) + ': ' + (err.description || err.errorDescription || err.error);
}

if (window.location.hash) {
  webAuth.parseHash((err, authResult) => {
    if (err) {
      return show('status', describeError(err));
    }
    localStorage.setItem('id_token', authResult.idToken);
    localStorage.setItem('user_id', authResult.idTokenPayload.sub);
    history.replaceState(null, '', '/');
    show('status', 'Logged in');
  });
}

document.getElementById('login').addEventListener('click', () => {
  webAuth.authorize();
});
document.getElementById('action').addEventListener('click', () => {
  const management = new auth0.Management({
    domain: 'example-tenant.auth0.com',
    token: localStorage.getItem('id_token')
  });
  management.getUser(localStorage.getItem('user_id'), (err, user) => {
    show('result', err ? describeError(err) : 'ok ' + user.email);
  });
});
