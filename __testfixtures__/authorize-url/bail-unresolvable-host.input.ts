import { Management } from 'auth0-js';

declare function tenantBase(): string;

export function login(clientId: string): void {
  window.location.assign(tenantBase() + '/authorize?response_type=id_token&client_id=' + clientId);
}

export const relative = '/authorize?response_type=id_token&scope=openid';

export function user(idToken: string, userId: string): void {
  new Management({ domain: 'acme.auth0.com', token: idToken }).getUser(userId, () => undefined);
}
