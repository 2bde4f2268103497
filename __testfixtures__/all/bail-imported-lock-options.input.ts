// Lock's options are passed whole from the config module (Lock's third argument). They ask for no
// audience, so the change is theirs: one finding naming the module and the tenant's audience
// (read from the domain there too); nothing is written.
import { Injectable } from '@angular/core';
import { myConfig } from './auth.config';
declare var Auth0Lock: any;
declare var auth0: any;

@Injectable()
export class Auth {
  lock = new Auth0Lock(myConfig.clientID, myConfig.domain, myConfig.options);
  auth0Manage: any;

  constructor() {
    this.auth0Manage = new auth0.Management({ domain: 'truetube.eu.auth0.com', token: localStorage.getItem('token') });
    this.lock.on('authenticated', (authResult: any) => {
      localStorage.setItem('token', authResult.idToken);
    });
  }

  login() { this.lock.show(); }

  load(id: string) { this.auth0Manage.getUser(id, () => undefined); }
}
