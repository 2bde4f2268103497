const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc123' });

export function login(username, password) {
  webAuth.client.login(
    { realm: 'db', username, password, audience: 'https://acme.auth0.com/api/v2/', scope: 'openid profile read:current_user' },
    (err, result) => new auth0.Management({ domain: 'acme.auth0.com', token: result.accessToken }).getUser(result.idTokenPayload.sub, render),
  );
}

export function loginFetch(username, password) {
  return fetch('https://acme.auth0.com/oauth/token', {
    method: 'POST',
    body: 'grant_type=password&username=' + username + '&password=' + password + '&audience=https%3A%2F%2Facme.auth0.com%2Fapi%2Fv2%2F&scope=openid%20read%3Acurrent_user',
  });
}
