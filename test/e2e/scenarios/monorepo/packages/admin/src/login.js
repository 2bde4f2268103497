/* global auth0, localStorage */
export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'admin-client-id',
  redirectUri: 'https://admin.example.com/callback',
  responseType: 'id_token'
});

export function handleCallback() {
  webAuth.parseHash(function (err, authResult) {
    if (authResult) localStorage.setItem('id_token', authResult.idToken);
  });
}
