import * as React from 'react';
import { Management } from 'auth0-js';

export const LoginLink: React.FC = () => (
  <a href="https://acme.auth0.com/authorize?response_type=token%20id_token&client_id=abc123&redirect_uri=https://app.example.com/callback&audience=https://acme.auth0.com/api/v2/&scope=openid%20read:current_user&nonce=n1">
    Sign in
  </a>
);

export function loadUser(idToken: string, userId: string): void {
  new Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, () => undefined);
}
