/* global auth0 */
// TypeScript syntax in a .js file: Babel refuses it, the TSX parser does not.
interface Settings { domain: string }
const settings: Settings = { domain: 'acme.auth0.com' };

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'k5u3o2fiAA8XweXEEX604KCwCjzjtMU6',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid profile email read:current_user',
  responseType: 'token id_token',
});
