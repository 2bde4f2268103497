// ES2019 optional catch binding beside a password grant and a Management API call, with the
// Auth0 code inside a binding-less catch block as well as outside one.
export async function signIn(username, password) {
  let cached;
  try {
    cached = JSON.parse(sessionStorage.getItem('profile'));
  } catch {
    cached = null;
  }
  if (cached) return cached;
  try {
    return await profileFromCache(username);
  } catch {
    const body = {
      grant_type: 'password',
      username,
      password,
      client_id: 'spa-client-id',
      audience: 'https://acme.auth0.com/api/v2/',
      scope: 'openid read:current_user',
    };
    const response = await fetch('https://acme.auth0.com/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const tokens = await response.json();
    const user = await fetch('https://acme.auth0.com/api/v2/users/' + encodeURIComponent(username), {
      headers: { Authorization: 'Bearer ' + tokens.access_token },
    });
    return user.json();
  }
}

async function profileFromCache(username) {
  const body = { grant_type: 'password', username, password: '', client_id: 'spa-client-id' };
  try {
    return JSON.parse(localStorage.getItem(username));
  } catch {
    await fetch('https://acme.auth0.com/oauth/token', { method: 'POST', body: JSON.stringify(body) });
    throw new Error('no cached profile');
  }
}
