import auth0 from 'auth0-js';

export class AuthClient {
  private webAuth: auth0.WebAuth;
  private managementToken = '';

  constructor(private readonly domain: string, clientID: string) {
    this.webAuth = new auth0.WebAuth({ domain, clientID, responseType: 'token id_token', audience: `https://${domain}/api/v2/`, scope: 'openid read:current_user' });
  }

  loginWithEmail(email: string): void {
    this.webAuth.passwordlessStart({ connection: 'email', send: 'link', email, authParams: { responseType: 'id_token', scope: 'openid email' } }, () => undefined);
  }

  popupLogin(): void {
    this.webAuth.popup.authorize({ audience: 'https://acme.auth0.com/userinfo', responseType: 'id_token' }, () => undefined);
  }

  silent(): void {
    this.webAuth.renewAuth({ scope: 'openid', redirectUri: '/silent', usePostMessage: true }, () => undefined);
    this.webAuth.checkSession({ responseType: 'code' }, () => undefined);
  }

  profile(id: string): void {
    new auth0.Management({ domain: this.domain, token: this.managementToken }).getUser(id, () => undefined);
  }
}
