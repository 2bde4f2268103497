// `satisfies` (TypeScript 4.9) on the login options.
interface LoginOptions {
  domain: string;
  clientID: string;
  responseType: string;
  scope?: string;
}

const options = {
  domain: 'acme.auth0.com',
  clientID: 'spa-client-id',
  responseType: 'token id_token',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid read:current_user',
} satisfies LoginOptions;

export const webAuth = new auth0.WebAuth(options);

export function handle(): void {
  webAuth.parseHash((err, authResult) => {
    if (authResult) {
      localStorage.setItem('id_token', authResult.idToken);
      localStorage.setItem('access_token', authResult.accessToken);
    }
  });
}

export function profile(userId: string, done: (err: unknown) => void): void {
  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('access_token') }).getUser(userId, done);
}
