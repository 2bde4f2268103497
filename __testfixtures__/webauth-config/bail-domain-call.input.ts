import auth0 from 'auth0-js';
import { first, region } from './util';

// The domain is computed: an audience written from it would compute it a second time.
export const webAuth = new auth0.WebAuth({
  domain: first([process.env.AUTH0_DOMAIN, window.localStorage.getItem('tenant')]) as string,
  clientID: 'abc123',
  responseType: 'id_token',
  scope: 'openid',
});

export function profile(userId: string, idToken: string, done: (err: unknown) => void): void {
  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, done);
}

// A call inside the domain counts too.
export const regional = new auth0.WebAuth({ domain: `${region()}.auth0.com`, clientID: 'abc123', responseType: 'id_token' });
