import { JwtModule } from '@auth0/angular-jwt';

// A package that never calls the Management API: whatever the interceptor sends its tenant
// (the ID token, for /userinfo say) is no Management API concern.
export const jwt = JwtModule.forRoot({
  config: { tokenGetter: () => localStorage.getItem('id_token'), allowedDomains: ['acme.auth0.com'] },
});
