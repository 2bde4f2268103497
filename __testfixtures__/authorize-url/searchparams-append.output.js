import auth0 from 'auth0-js';

export function redirectToLogin(clientId, redirectUri) {
  const params = new URLSearchParams();
  params.append("audience", "https://acme.auth0.com/api/v2/");
  params.append("scope", "openid profile email update:current_user_identities");
  params.append("response_type", "token id_token");
  params.append("client_id", clientId);
  params.append("redirect_uri", redirectUri);
  params.append("nonce", crypto.randomUUID());
  const authorizeUrl = new URL("/authorize", "https://acme.auth0.com");
  authorizeUrl.search = params.toString();
  window.location.assign(authorizeUrl.href);
}

export function unlink(idToken, userId, provider, secondaryId) {
  return fetch(`https://acme.auth0.com/api/v2/users/${userId}/identities/${provider}/${secondaryId}`, {
    method: "DELETE",
    headers: { Authorization: `Bearer ${idToken}` },
  });
}
