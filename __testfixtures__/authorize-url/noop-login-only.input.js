import auth0 from 'auth0-js';

// Logs in for an ID token but never calls the Management API: no migration needed.
export function login(domain, clientId) {
  window.location.href = `https://${domain}/authorize?response_type=id_token&client_id=${clientId}&scope=openid&nonce=1`;
}
