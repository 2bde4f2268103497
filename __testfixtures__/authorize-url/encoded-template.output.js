import auth0 from 'auth0-js';

export function loginUrl(domain, clientId, nonce) {
  return `https://${domain}/authorize?audience=https%3A%2F%2F${domain}%2Fapi%2Fv2%2F&scope=openid%20profile%20email%20read%3Acurrent_user&response_type=token%20id_token&client_id=${clientId}&redirect_uri=${encodeURIComponent(`${location.origin}/callback`)}&nonce=${nonce}`;
}

export function profile(domain, idToken, userId, cb) {
  new auth0.Management({ domain, token: idToken }).getUser(userId, cb);
}
