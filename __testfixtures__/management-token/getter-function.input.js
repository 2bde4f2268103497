// Functions of the module: a setter stores the ID token, a getter returns it, and the profile
// request sends it to the Management API.
const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' });

export function handleAuthentication() {
  webAuth.parseHash((err, authResult) => {
    if (authResult) setSession(authResult.idToken);
  });
}

function setSession(idToken) {
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
