// An Angular HttpInterceptor signs every HttpClient request with the stored ID token, and the
// Management API request is an HttpClient one with no Authorization header of its own. The
// interceptor may sign other APIs' requests too: the request is reported, naming it.
import { Injectable } from '@angular/core';
import { HttpClient, HttpEvent, HttpHandler, HttpInterceptor, HttpRequest } from '@angular/common/http';
import * as auth0 from 'auth0-js';
import { Observable } from 'rxjs/Observable';

@Injectable()
export class TokenInterceptor implements HttpInterceptor {
  intercept(request: HttpRequest<any>, next: HttpHandler): Observable<HttpEvent<any>> {
    request = request.clone({
      setHeaders: { Authorization: `Bearer ${localStorage.getItem('id_token')}` }
    });
    return next.handle(request);
  }
}

@Injectable()
export class AuthService {
  auth0 = new auth0.WebAuth({ domain: 'acme.auth0.com', clientID: 'x', responseType: 'token id_token', scope: 'openid', redirectUri: 'http://localhost:4200/callback' });
  constructor(private http: HttpClient) {}
  handle() {
    this.auth0.parseHash((err, authResult) => {
      if (authResult) localStorage.setItem('id_token', authResult.idToken);
    });
  }
  getUser(id: string) {
    return this.http.get('https://acme.auth0.com/api/v2/users/' + id);
  }
}
