import { NgModule } from '@angular/core';
import { HttpClientModule } from '@angular/common/http';
import { JwtModule } from '@auth0/angular-jwt';

export function idTokenGetter(): string | null {
  return localStorage.getItem('id_token');
}

@NgModule({
  imports: [
    HttpClientModule,
    JwtModule.forRoot({
      config: {
        tokenGetter: idTokenGetter,
        allowedDomains: ['acme.eu.auth0.com'],
      },
    }),
  ],
})
export class AppModule {}

// Another app's config hands out the access token for its own API: nothing to report.
export const adminJwtConfig = {
  tokenGetter: () => localStorage.getItem('access_token'),
  allowedDomains: ['acme.eu.auth0.com'],
};

// Not the tenant's host: not the Management API.
export const apiJwtConfig = {
  tokenGetter: () => localStorage.getItem('id_token'),
  allowedDomains: ['api.example.com'],
};
