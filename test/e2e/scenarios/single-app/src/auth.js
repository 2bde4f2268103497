/* global auth0, localStorage */
// Login with auth0.js; the ID token is kept for the profile page.
export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'k5u3o2fiAA8XweXEEX604KCwCjzjtMU6',
  redirectUri: 'https://app.example.com/callback',
  scope: 'openid',
  responseType: 'id_token'
});

export function login() {
  webAuth.authorize();
}

export function handleCallback(done) {
  webAuth.parseHash(function (err, authResult) {
    if (err) return done(err);
    localStorage.setItem('id_token', authResult.idToken);
    localStorage.setItem('user_id', authResult.idTokenPayload.sub);
    done(null);
  });
}
