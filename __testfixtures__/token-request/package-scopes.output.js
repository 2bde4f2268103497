// This file makes no Management API call itself; other files of its package do.
module.exports = function login(username, password) {
  return fetch('https://acme.auth0.com/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      username,
      password,
      audience: 'https://acme.auth0.com/api/v2/',
      scope: 'openid offline_access read:current_user update:current_user_metadata',
    }),
  });
};
