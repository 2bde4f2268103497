// Explicit resource management (`using`, TypeScript 5.2) beside a Management API call.
declare function openLog(name: string): Disposable;

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'spa-client-id',
  responseType: 'id_token',
});

export function handle(): void {
  webAuth.parseHash((err, authResult) => {
    if (authResult) {
      localStorage.setItem('id_token', authResult.idToken);
    }
  });
}

export function profile(userId: string, done: (err: unknown, user?: unknown) => void): void {
  using log = openLog('profile');
  const management = new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') });
  management.getUser(userId, done);
}
