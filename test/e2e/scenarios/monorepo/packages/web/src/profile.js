/* global auth0, localStorage */
// Reads and updates the signed-in user's own profile.
function profileClient() {
  return new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') });
}

export function saveTheme(userId, theme, done) {
  profileClient().patchUserMetadata(userId, { theme: theme }, done);
}

export function fetchUser(userId, done) {
  profileClient().getUser(userId, done);
}
