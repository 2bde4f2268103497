// The migration guide's "old approach": the Implicit grant asks for an ID token only.
function login() {
  window.location.href = `https://{yourDomain}/authorize?
      audience=https://{yourDomain}/api/v2/
      &scope=openid%20read:current_user
      &response_type=token%20id_token
      &client_id={yourClientId}
      &redirect_uri=https://{yourApp}/callback
      &nonce={nonce}
      &state={opaqueValue}`;
}
