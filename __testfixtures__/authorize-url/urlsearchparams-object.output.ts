import { Management } from 'auth0-js';

const domain = 'acme.auth0.com';

export function authorizeUrl(clientId: string, nonce: string): string {
  const params = new URLSearchParams({
    client_id: clientId,
    response_type: 'token id_token',
    redirect_uri: `${window.location.origin}/callback`,
    audience: `https://${domain}/api/v2/`,
    scope: 'openid profile update:current_user_identities',
    nonce,
  });
  return `https://${domain}/authorize?${params.toString()}`;
}

export function linkAccount(primaryIdToken: string, userId: string, secondaryIdToken: string): void {
  new Management({ domain, token: primaryIdToken }).linkUser(userId, secondaryIdToken, () => undefined);
}
