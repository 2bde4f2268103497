// Angular keeps the login options in its environment files, which ask for no audience: the
// change is theirs, in every build's file. The flow is left alone, and the finding says where.
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
      if (authResult && authResult.idToken) {
        localStorage.setItem('id_token', authResult.idToken);
      }
    });
  }

  getUser(id: string): void {
    const management = new auth0.Management({ domain: environment.auth0.domain, token: localStorage.getItem('id_token') });
    management.getUser(id, () => undefined);
  }
}
