import * as auth0 from 'auth0-js';
import { AUTH_CONFIG } from './auth-config';

export const webAuth = new auth0.WebAuth(AUTH_CONFIG);

export function login(options: auth0.AuthorizeOptions): void {
  webAuth.authorize(options);
}

export function profile(userId: string, idToken: string): void {
  new auth0.Management({ domain: AUTH_CONFIG.domain, token: idToken }).getUser(userId, () => undefined);
}
