// @flow
import auth0 from 'auth0-js';

export function loginUrl(auth0Domain: string, clientId: string): string {
  return `https://${auth0Domain}/authorize?response_type=token%20id_token&audience=https://${auth0Domain}/api/v2/&scope=openid%20read:current_user&client_id=${clientId}`;
}

export function profile(auth0Domain: string, idToken: string, userId: string, cb: Function) {
  new auth0.Management({ domain: auth0Domain, token: idToken }).getUser(userId, cb);
}
