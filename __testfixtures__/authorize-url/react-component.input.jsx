import React from 'react';
import auth0 from 'auth0-js';

const domain = 'acme.auth0.com';
const clientId = 'abc123';

export function LoginButton({ nonce }) {
  const href = `https://${domain}/authorize?response_type=id_token&client_id=${clientId}&redirect_uri=${window.location.origin}/callback&nonce=${nonce}`;
  return (
    <a className="login" href={href}>
      Log in
    </a>
  );
}

export function Profile({ idToken, userId }) {
  React.useEffect(() => {
    new auth0.Management({ domain, token: idToken }).getUser(userId, () => {});
  }, [idToken, userId]);
  return null;
}
