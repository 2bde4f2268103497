import auth0 from "auth0-js";

export function login(config) {
  location.href = `https://${config.auth0Domain}/authorize?
    audience=https://${config.auth0Domain}/api/v2/
    &scope=openid%20profile%20email%20update:current_user_metadata
    &response_type=token%20id_token
    &client_id=${config.clientId}
    &redirect_uri=https://app.example.com/callback
    &nonce=${config.nonce}`;
}

export function updateMetadata(config, idToken, userId, data) {
  new auth0.Management({ domain: config.auth0Domain, token: idToken }).patchUserMetadata(userId, data, () => {});
}
