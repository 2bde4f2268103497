import auth0 from 'auth0-js';

export function loginUrl(domain, clientId, nonce) {
  return `https://${domain}/authorize?response_type=id_token&client_id=${clientId}&redirect_uri=${encodeURIComponent(`${location.origin}/callback`)}&nonce=${nonce}`;
}

export function profile(domain, idToken, userId, cb) {
  new auth0.Management({ domain, token: idToken }).getUser(userId, cb);
}
