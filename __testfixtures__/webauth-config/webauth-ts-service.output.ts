import { Injectable } from '@angular/core';
import * as auth0 from 'auth0-js';
import { environment } from './environments/environment';

@Injectable()
export class AuthService {
  userId = '';

  auth0 = new auth0.WebAuth({
    clientID: environment.auth0.clientID,
    domain: environment.auth0.domain,
    responseType: 'token id_token',
    redirectUri: environment.auth0.callbackURL,
    audience: `https://${environment.auth0.domain}/api/v2/`,
    scope: 'openid profile read:current_user'
  });

  login(): void {
    this.auth0.authorize();
  }

  renew(): void {
    this.auth0.checkSession({ scope: 'openid profile read:current_user' }, (err, authResult) => {
      if (authResult && authResult.idToken) localStorage.setItem('id_token', authResult.idToken);
    });
  }

  loadProfile(cb: auth0.Auth0Callback<auth0.Auth0UserProfile>): void {
    const idToken = localStorage.getItem('id_token') as string;
    const mgmt = new auth0.Management({ domain: environment.auth0.domain, token: idToken });
    mgmt.getUser(this.userId, cb);
  }
}
