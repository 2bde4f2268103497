// auth0.js v7 from the CDN, typed for TypeScript: `declare` only describes the global.
declare const Auth0: any;

export const client = new Auth0({ domain: 'acme.auth0.com', clientID: 'abc123', callbackURL: 'https://app.example.com/callback' });

export function profile(userId: string, idToken: string): Promise<Response> {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, { headers: { Authorization: 'Bearer ' + idToken } });
}
