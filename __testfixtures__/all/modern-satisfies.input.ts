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
  responseType: 'id_token',
  scope: 'openid',
} satisfies LoginOptions;

export const webAuth = new auth0.WebAuth(options);

export function handle(): void {
  webAuth.parseHash((err, authResult) => {
    if (authResult) {
      localStorage.setItem('id_token', authResult.idToken);
    }
  });
}

export function profile(userId: string, done: (err: unknown) => void): void {
  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, done);
}
