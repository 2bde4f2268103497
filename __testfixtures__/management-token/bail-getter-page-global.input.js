// The getter is at the top level of a classic script: a global of the page. An access-token copy
// of it beside it could replace a function of that name another script defines, so none is added
// and the flow is left alone with a finding.
const webAuth = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'token id_token' });

function handleAuthentication() {
  webAuth.parseHash((err, authResult) => {
    if (authResult) localStorage.setItem('id_token', authResult.idToken);
  });
}

function getIdToken() {
  return localStorage.getItem('id_token');
}

function isLoggedIn() {
  return !!getIdToken();
}

function loadProfile(userId) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, {
    headers: { Authorization: 'Bearer ' + getIdToken() },
  });
}
