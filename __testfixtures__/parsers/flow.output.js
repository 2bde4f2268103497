// @flow
import auth0 from 'auth0-js';
import type { Auth0DecodedHash } from 'auth0-js';

type Settings = {| domain: string, clientID: string |};

const settings: Settings = { domain: 'acme.auth0.com', clientID: 'k5u3o2fiAA8XweXEEX604KCwCjzjtMU6' };

export const webAuth = new auth0.WebAuth({
  domain: settings.domain,
  clientID: settings.clientID,
  audience: `https://${settings.domain}/api/v2/`,
  scope: 'openid profile email read:current_user',
  responseType: 'token id_token',
});

export function storedToken(hash: ?Auth0DecodedHash): ?string {
  return hash ? hash.idToken : null;
}
