import * as React from 'react';
import { Management } from 'auth0-js';

export const LoginLink: React.FC = () => (
  <a href="https://acme.auth0.com/authorize?response_type=id_token&client_id=abc123&redirect_uri=https://app.example.com/callback&scope=openid&nonce=n1">
    Sign in
  </a>
);

export function loadUser(idToken: string, userId: string): void {
  new Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, () => undefined);
}
