import * as auth0 from 'auth0-js';

const AUTH0_DOMAIN = 'acme.auth0.com';

export class AuthService {
  private auth = new auth0.Authentication({ domain: AUTH0_DOMAIN, clientID: 'abc123', scope: 'openid profile' });

  login(username: string, password: string): void {
    this.auth.loginWithDefaultDirectory({
      username,
      password,
    }, (err, result) => {
      if (!err) localStorage.setItem('id_token', result.idToken);
    });
  }

  profile(userId: string): void {
    const auth0Manage = new auth0.Management({ domain: AUTH0_DOMAIN, token: localStorage.getItem('id_token') as string });
    auth0Manage.getUser(userId, () => undefined);
  }
}
