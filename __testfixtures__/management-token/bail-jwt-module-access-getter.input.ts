import { NgModule } from '@angular/core';
import { JwtModule } from '@auth0/angular-jwt';

// The usual Angular setup: the getter is a named function that hands out the access token, so
// only the request, whose token the interceptor adds out of sight, is reported.
export function tokenGetter(): string | null {
  return localStorage.getItem('access_token');
}

@NgModule({
  imports: [JwtModule.forRoot({ config: { tokenGetter, allowedDomains: ['acme.auth0.com'] } })],
})
export class AppModule {}

export function profile(http: { get(url: string): unknown }, userId: string): unknown {
  return http.get('https://acme.auth0.com/api/v2/users/' + userId);
}
