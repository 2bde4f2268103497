// Already migrated: auth0-angular's getAccessTokenSilently, through firstValueFrom and toPromise. Nothing to change.
import { Injectable } from '@angular/core';
import { AuthService } from '@auth0/auth0-angular';
import { HttpClient } from '@angular/common/http';
import { firstValueFrom } from 'rxjs';
@Injectable()
export class ProfileService {
  constructor(private auth: AuthService, private http: HttpClient) {}
  async load(id: string) {
    const token = await firstValueFrom(this.auth.getAccessTokenSilently({ authorizationParams: { audience: 'https://acme.auth0.com/api/v2/' } }));
    return firstValueFrom(this.http.get('https://acme.auth0.com/api/v2/users/' + id, { headers: { Authorization: 'Bearer ' + token } }));
  }
  async load2(id: string) {
    const token = await this.auth.getAccessTokenSilently().toPromise();
    return fetch('https://acme.auth0.com/api/v2/users/' + id, { headers: { Authorization: `Bearer ${token}` } });
  }
}
