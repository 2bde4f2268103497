import { Management } from 'auth0-js';
import { webAuth } from './auth';

export function login(username: string, password: string, done: () => void): void {
  webAuth.client.login({ realm: 'db', username, password }, done);
}

export function loginWith(options: Record<string, string>, body: string): Promise<Response> {
  webAuth.client.loginWithDefaultDirectory(options, () => undefined);
  return fetch('https://acme.auth0.com/oauth/token', { method: 'POST', body });
}

export function loginScoped(username: string, password: string, scope: string): Promise<Response> {
  return fetch('https://acme.auth0.com/oauth/token', {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'password', username, password, scope }),
  });
}

new Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') as string }).getUser('me', () => undefined);
