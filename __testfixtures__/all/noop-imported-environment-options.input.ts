// Angular keeps the login options in its environment files, which already ask for the
// Management API with the scopes the calls need, in every build: already migrated, left alone.
import { Injectable } from '@angular/core';
import * as auth0 from 'auth0-js';
import { environment } from './environments/environment';

@Injectable()
export class AuthService {
  auth0 = new auth0.WebAuth(environment.auth0);

  login(): void {
    this.auth0.authorize();
  }

  handleAuthentication(): void {
    this.auth0.parseHash((err, authResult) => {
      if (authResult && authResult.accessToken) {
        localStorage.setItem('access_token', authResult.accessToken);
      }
    });
  }

  getUser(id: string): void {
    const management = new auth0.Management({ domain: environment.auth0.domain, token: localStorage.getItem('access_token') });
    management.getUser(id, () => undefined);
  }
}
