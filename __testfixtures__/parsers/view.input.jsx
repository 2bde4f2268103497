import auth0 from 'auth0-js';

const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'k5u3o2fiAA8XweXEEX604KCwCjzjtMU6',
  responseType: 'id_token',
});

export const Login = () => <button onClick={() => webAuth.authorize()}>Log in</button>;
