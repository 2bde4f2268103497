// Three ways legacy code reads the stored ID token back.
function loadProfile(userId, cb) {
  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, cb);
}

function saveColour(userId, colour, cb) {
  var mgmt = new window.auth0.Management({
    domain: "acme.eu.auth0.com",
    token: window.localStorage["id_token"],
  });
  mgmt.patchUserMetadata(userId, { colour: colour }, cb);
}

function unlink(userId, provider, secondaryId) {
  $.ajax({
    type: 'DELETE',
    url: 'https://acme.auth0.com/api/v2/users/' + userId + '/identities/' + provider + '/' + secondaryId,
    headers: { Authorization: 'Bearer ' + sessionStorage.id_token }
  });
}

// Not a Management API credential: stays.
var loggedIn = !!localStorage.getItem('id_token');
