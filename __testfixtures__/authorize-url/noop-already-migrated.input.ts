import { Management } from 'auth0-js';

const domain = 'acme.auth0.com';

export const loginUrl = `https://${domain}/authorize?audience=https://${domain}/api/v2/&scope=openid%20read:current_user&response_type=token%20id_token&client_id=abc123`;

export function query(clientId: string): string {
  return new URLSearchParams({
    client_id: clientId,
    audience: `https://${domain}/api/v2/`,
    scope: 'openid read:current_user',
    response_type: 'token id_token',
  }).toString();
}

export function loadUser(accessToken: string, userId: string): void {
  new Management({ domain, token: accessToken }).getUser(userId, () => undefined);
}
