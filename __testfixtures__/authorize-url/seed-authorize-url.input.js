// The migration guide's "old approach": the Implicit grant asks for an ID token only.
function login() {
  window.location.href = `https://{yourDomain}/authorize?
      scope=openid
      &response_type=id_token
      &client_id={yourClientId}
      &redirect_uri=https://{yourApp}/callback
      &nonce={nonce}
      &state={opaqueValue}`;
}
