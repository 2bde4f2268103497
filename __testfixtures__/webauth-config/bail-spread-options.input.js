import auth0 from 'auth0-js';
import { baseConfig } from './config';

export const webAuth = new auth0.WebAuth({
  ...baseConfig,
  responseType: 'id_token'
});

export function profile(userId, idToken) {
  return new auth0.Management({ domain: baseConfig.domain, token: idToken }).getUser(userId, () => {});
}
