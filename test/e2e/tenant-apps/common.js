// Shared by the scenario apps: status lines and a raw Management API call.
var DOMAIN = 'example-tenant.auth0.com';
var MANAGEMENT_AUDIENCE = 'https://' + DOMAIN + '/api/v2/';

function show(id, text) {
  document.getElementById(id).textContent = text;
}

function describeError(err) {
  return 'Error ' + (err.error || err.code || err.statusCode) + ': ' +
    (err.errorDescription || err.error_description || err.description || err.message || '');
}

function on(id, handler) {
  document.getElementById(id).addEventListener('click', handler);
}

/** The client this page logs in with: ?client=… on the first visit, kept for the callback. */
function scenarioClient(defaultClient) {
  var fromQuery = new URLSearchParams(window.location.search).get('client');
  if (fromQuery) sessionStorage.setItem('client', fromQuery);
  return sessionStorage.getItem('client') || defaultClient;
}

/** GET /api/v2/users/{id} with a Bearer token; writes "<status> <message or email>" to #profile. */
function showProfile(token, userId) {
  return fetch('https://' + DOMAIN + '/api/v2/users/' + encodeURIComponent(userId), {
    headers: { Authorization: 'Bearer ' + token }
  }).then(function (res) {
    return res.json().then(function (body) {
      show('profile', res.status + ' ' + (res.ok ? body.email : body.message));
    });
  });
}
