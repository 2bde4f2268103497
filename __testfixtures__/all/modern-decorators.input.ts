// Decorators (as Angular writes them) on the service that logs in and calls the Management API.
import { Injectable, Input } from '@angular/core';
import * as auth0 from 'auth0-js';

function logged(target: object, key: string): void {
  console.log(target, key);
}

@Injectable({ providedIn: 'root' })
export class AuthService {
  @Input() returnTo = '/';

  private webAuth = new auth0.WebAuth({
    domain: 'acme.auth0.com',
    clientID: 'spa-client-id',
    responseType: 'id_token',
    scope: 'openid profile',
  });

  @logged
  handleAuthentication(): void {
    this.webAuth.parseHash((err, authResult) => {
      if (authResult) {
        localStorage.setItem('id_token', authResult.idToken as string);
      }
    });
  }

  linkAccount(userId: string, secondaryIdToken: string, done: (err: unknown) => void): void {
    const management = new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') as string });
    management.linkUser(userId, secondaryIdToken, done);
  }
}
