/* global auth0 */
export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  responseType: 'id_token'
  clientID: 'k5u3o2fiAA8XweXEEX604KCwCjzjtMU6',
});
