import Auth0Lock from 'auth0-lock';
import { AUTH0_CLIENT_ID, AUTH0_DOMAIN } from './config';

export const lock = new Auth0Lock(AUTH0_CLIENT_ID, AUTH0_DOMAIN, {
  allowedConnections: ['Username-Password-Authentication'],
  rememberLastLogin: false
});
