// The migration guide's "old approach" token request: a password grant for an ID token only.
fetch('https://{yourDomain}/oauth/token', {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    "grant_type": "password",
    "username": "{yourUsername}",
    "password": "{yourPassword}",
    "scope": "openid",
    "client_id": "{yourClientId}",
    "client_secret": "{yourClientSecret}",
  }),
});
