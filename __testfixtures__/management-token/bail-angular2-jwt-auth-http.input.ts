// angular2-jwt's AuthHttp signs the linking request with the token its AuthConfig names (by
// default the stored 'id_token'), and every other API's requests with it too: the request has no
// Authorization header of its own to switch. Reported as such, with what to send instead.
import { Injectable } from '@angular/core';
import { AuthHttp } from 'angular2-jwt';
import { myConfig } from './auth.config';

@Injectable()
export class Auth {
  userProfile: any;

  constructor(private authHttp: AuthHttp) {}

  public doLinkAccounts(accountToLinkJWT: string) {
    const data = JSON.stringify({ link_with: accountToLinkJWT });
    this.authHttp
      .post('https://' + myConfig.domain + '/api/v2/users/' + this.userProfile.user_id + '/identities', data)
      .map((response) => response.json())
      .subscribe(() => console.log('accounts linked'));
  }
}
