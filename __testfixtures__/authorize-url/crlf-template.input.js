import auth0 from "auth0-js";

export function login(config) {
  location.href = `https://${config.auth0Domain}/authorize?
    response_type=id_token
    &client_id=${config.clientId}
    &redirect_uri=https://app.example.com/callback
    &nonce=${config.nonce}`;
}

export function updateMetadata(config, idToken, userId, data) {
  new auth0.Management({ domain: config.auth0Domain, token: idToken }).patchUserMetadata(userId, data, () => {});
}
