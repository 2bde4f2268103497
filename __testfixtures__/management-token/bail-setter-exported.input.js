// The setter that stores the ID token is exported: other modules may call it with tokens this
// file never sees passed, and no access token would be stored beside theirs. Left alone.
const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' });

export function handleAuthentication() {
  webAuth.parseHash((err, authResult) => {
    if (authResult) setSession(authResult.idToken);
  });
}

export function setSession(idToken) {
  localStorage.setItem('id_token', idToken);
}

export function getIdToken() {
  return localStorage.getItem('id_token');
}

export function isLoggedIn() {
  return !!getIdToken();
}

export function loadProfile(userId) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, {
    headers: { Authorization: 'Bearer ' + getIdToken() },
  });
}
