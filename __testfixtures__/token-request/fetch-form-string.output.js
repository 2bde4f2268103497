const CLIENT_ID = 'abc123';

function requestToken(username, password) {
  return fetch('https://acme.auth0.com/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `grant_type=password&username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}&audience=https%3A%2F%2Facme.auth0.com%2Fapi%2Fv2%2F&scope=openid%20profile%20read%3Acurrent_user&client_id=${CLIENT_ID}`,
  }).then((r) => r.json());
}

requestToken(user, pass).then((tokens) => {
  const auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: tokens.id_token });
  auth0Manage.getUser(userId, render);
});
