import Auth0Lock from 'auth0-lock';
import { AUTH0_CLIENT_ID, AUTH0_DOMAIN } from './config';

export const lock = new Auth0Lock(AUTH0_CLIENT_ID, AUTH0_DOMAIN, {
  allowedConnections: ['Username-Password-Authentication'],
  rememberLastLogin: false,
  auth: {
    audience: `https://${AUTH0_DOMAIN}/api/v2/`,
    params: {
      scope: 'openid profile email read:current_user update:current_user_metadata'
    }
  }
});
