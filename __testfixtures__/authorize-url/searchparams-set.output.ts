import auth0 from 'auth0-js';

const AUTH0_DOMAIN = 'acme.us.auth0.com';

export function startLogin(clientId: string, nonce: string): void {
  const url = new URL(`https://${AUTH0_DOMAIN}/authorize`);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('audience', `https://${AUTH0_DOMAIN}/api/v2/`);
  url.searchParams.set('scope', 'openid profile read:current_user');
  url.searchParams.set('response_type', 'token id_token');
  url.searchParams.set('redirect_uri', `${window.location.origin}/callback`);
  url.searchParams.set('nonce', nonce);
  window.location.assign(url.toString());
}

export function fetchUser(idToken: string, userId: string): void {
  const auth0Manage = new auth0.Management({ domain: AUTH0_DOMAIN, token: idToken });
  auth0Manage.getUser(userId, () => undefined);
}
