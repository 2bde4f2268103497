import { Auth0Lock } from 'auth0-lock';
import { Management } from 'auth0-js';

const AUTH0_DOMAIN = 'acme.auth0.com';

const lockOptions: Auth0LockConstructorOptions = {
  auth: {
    responseType: 'token id_token',
    redirect: true,
  },
  closable: false,
};

export const lock = new Auth0Lock('abc123', AUTH0_DOMAIN, lockOptions);

export function saveTheme(idToken: string, userId: string, theme: string): void {
  new Management({ domain: AUTH0_DOMAIN, token: idToken }).patchUserMetadata(userId, { theme }, () => undefined);
}
