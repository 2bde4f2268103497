/* global auth0, localStorage, window */
export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'web-client-id',
  redirectUri: window.location.origin + '/callback',
  scope: 'openid profile',
  responseType: 'id_token'
});

export function handleCallback() {
  webAuth.parseHash(function (err, authResult) {
    if (authResult) localStorage.setItem('id_token', authResult.idToken);
  });
}
