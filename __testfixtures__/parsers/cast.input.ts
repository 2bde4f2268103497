import auth0 from 'auth0-js';

const settings = <{ domain: string; clientID: string }>window['AUTH_SETTINGS'];

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: settings.clientID,
  responseType: 'id_token',
});

export const management = new auth0.Management({ domain: 'acme.auth0.com', token: <string>localStorage.getItem('id_token') });
management.getUser('me', () => undefined);
