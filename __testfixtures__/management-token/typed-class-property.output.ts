import auth0 from 'auth0-js';

interface LoginResult { idToken: string; accessToken: string; expiresIn: number }

export class Profile {
  private result: LoginResult;
  // Built here without an access token: adding one to its type would not compile.
  private pending: { idToken: string } = { idToken: '' };

  constructor(result: LoginResult) {
    this.result = result;
  }

  load(): void {
    new auth0.Management({ domain: 'acme.auth0.com', token: this.result.accessToken }).getUser('x', () => {});
    new auth0.Management({ domain: 'acme.auth0.com', token: this.pending.idToken }).getUser('x', () => {});
  }
}
