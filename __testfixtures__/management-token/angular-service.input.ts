import { Injectable } from '@angular/core';
import * as auth0 from 'auth0-js';
import { AUTH_CONFIG } from './auth0-variables';

@Injectable()
export class AuthService {
  private idToken: string;
  private expiresAt: number;

  auth0 = new auth0.WebAuth({
    clientID: AUTH_CONFIG.clientID,
    domain: AUTH_CONFIG.domain,
    responseType: 'id_token',
    redirectUri: AUTH_CONFIG.callbackURL,
    scope: 'openid profile'
  });

  constructor() {
    this.idToken = localStorage.getItem('id_token');
    this.expiresAt = Number(localStorage.getItem('expires_at'));
  }

  public handleAuthentication(): void {
    this.auth0.parseHash((err, authResult) => {
      if (authResult && authResult.idToken) {
        window.location.hash = '';
        this.setSession(authResult);
      }
    });
  }

  private setSession(authResult: auth0.Auth0DecodedHash): void {
    const expiresAt = authResult.expiresIn * 1000 + Date.now();
    localStorage.setItem('id_token', authResult.idToken);
    localStorage.setItem('expires_at', String(expiresAt));
    this.idToken = authResult.idToken;
    this.expiresAt = expiresAt;
  }

  public logout(): void {
    localStorage.removeItem('id_token');
    localStorage.removeItem('expires_at');
    this.idToken = null;
    this.expiresAt = 0;
  }

  public getProfile(userId: string, cb: (err: any, profile: any) => void): void {
    const management = new auth0.Management({
      domain: AUTH_CONFIG.domain,
      token: this.idToken
    });
    management.getUser(userId, cb);
  }
}
