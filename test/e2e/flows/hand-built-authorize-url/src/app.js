// No SDK: the app builds the /authorize URL with URLSearchParams, reads the tokens from the
// callback's hash the same way, and calls the Management API with fetch.
var AUTH0_DOMAIN = 'example-tenant.auth0.com';

function show(id, text) {
  document.getElementById(id).textContent = text;
}

function subjectOf(jwt) {
  var payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload)).sub;
}

function login() {
  var params = new URLSearchParams({
    response_type: 'id_token',
    client_id: 'kW3tq8Ls0PZ7yH2mVb9xRc4NdJ6fGa1E',
    redirect_uri: window.location.origin + '/',
    scope: 'openid profile email',
    nonce: String(Math.random()).slice(2)
  });
  window.location.href = 'https://' + AUTH0_DOMAIN + '/authorize?' + params.toString();
}

function callback() {
  var hash = new URLSearchParams(window.location.hash.substr(1));
  if (hash.get('error')) {
    return show('status', 'Error ' + hash.get('error') + ': ' + hash.get('error_description'));
  }
  localStorage.setItem('id_token', hash.get('id_token'));
  localStorage.setItem('user_id', subjectOf(hash.get('id_token')));
  history.replaceState(null, '', '/');
  show('status', 'Logged in');
}

function loadProfile() {
  fetch('https://' + AUTH0_DOMAIN + '/api/v2/users/' + encodeURIComponent(localStorage.getItem('user_id')), {
    headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') }
  })
    .then(function (response) {
      return response.json().then(function (body) {
        show('result', response.ok ? 'ok ' + body.email : 'Error ' + response.status + ': ' + body.message);
      });
    });
}

if (window.location.hash) callback();
document.getElementById('login').addEventListener('click', login);
document.getElementById('action').addEventListener('click', loadProfile);
