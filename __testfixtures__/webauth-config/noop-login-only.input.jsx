import React from 'react';
import auth0 from 'auth0-js';

const webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc123',
  responseType: 'id_token',
  scope: 'openid profile'
});

export function LoginButton() {
  return <button onClick={() => webAuth.authorize({ responseType: 'id_token' })}>Log in</button>;
}

export function Greeting() {
  const [name, setName] = React.useState('');
  React.useEffect(() => webAuth.parseHash((err, result) => result && setName(result.idTokenPayload.name)), []);
  return <p>Hello {name}</p>;
}
