import auth0 from 'auth0-js';

const first = <T,>(items: readonly T[]): T | undefined => items[0];
export const firstName = first(['Ada']);

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'k5u3o2fiAA8XweXEEX604KCwCjzjtMU6',
  responseType: 'id_token',
});

export function Login(): JSX.Element {
  return <button onClick={() => webAuth.authorize()}>Log in</button>;
}
