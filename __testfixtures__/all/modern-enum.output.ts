// Enums (TypeScript) beside a login config and a Management API call.
enum Screen {
  Login = 'login',
  Profile = 'profile',
}

const enum Retries {
  Max = 3,
}

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'spa-client-id',
  responseType: 'token id_token',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid read:current_user',
});

export function handle(show: (screen: Screen) => void): void {
  webAuth.parseHash((err, authResult) => {
    if (authResult) {
      localStorage.setItem('id_token', authResult.idToken);
      localStorage.setItem('access_token', authResult.accessToken);
    }
    show(Screen.Profile);
  });
}

export function profile(userId: string, done: (err: unknown) => void, attempt = 0): void {
  if (attempt > Retries.Max) return;
  new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('access_token') }).getUser(userId, done);
}
