import auth0 from 'auth0-js';

export const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'k5u3o2fiAA8XweXEEX604KCwCjzjtMU6',
  audience: 'https://acme.auth0.com/api/v2/',
  scope: 'openid profile email read:current_user',
  responseType: 'token id_token',
});

export const LoginButton = (props: { label: string }) => <button onClick={() => webAuth.authorize()}>{props.label}</button>;
