import auth0 from 'auth0-js';

const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc' });

export function linkAfterLogin(secondaryIdToken) {
  webAuth.parseHash({ hash: window.location.hash }, (err, authResult) => {
    if (err) return console.error(err);
    const auth0Manage = new auth0.Management({
      domain: 'acme.auth0.com',
      token: authResult.accessToken, // the signed-in user's token
    });
    // The secondary account's ID token stays an ID token.
    auth0Manage.linkUser(authResult.idTokenPayload.sub, secondaryIdToken, (linkErr) => {
      if (linkErr) console.error(linkErr);
    });
  });
}
