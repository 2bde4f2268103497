import auth0 from 'auth0-js';

const { domain } = await import('./settings.mjs');

export const webAuth = new auth0.WebAuth({
  domain,
  clientID: 'k5u3o2fiAA8XweXEEX604KCwCjzjtMU6',
  audience: `https://${domain}/api/v2/`,
  scope: 'openid profile email read:current_user',
  responseType: 'token id_token',
});

export const Banner = () => <p className="banner">Signed out</p>;
