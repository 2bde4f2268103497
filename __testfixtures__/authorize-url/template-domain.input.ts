import { Management } from 'auth0-js';

const AUTH0_DOMAIN: string = process.env.AUTH0_DOMAIN as string;
const CLIENT_ID = 'abc123';

export function buildLoginUrl(nonce: string, state: string): string {
  return `https://${AUTH0_DOMAIN}/authorize?response_type=id_token&client_id=${CLIENT_ID}&redirect_uri=${window.location.origin}/callback&scope=openid%20profile%20email&nonce=${nonce}&state=${state}`;
}

export function saveTheme(idToken: string, userId: string, theme: string): void {
  const mgmt = new Management({ domain: AUTH0_DOMAIN, token: idToken });
  mgmt.patchUserMetadata(userId, { theme }, () => undefined);
}
