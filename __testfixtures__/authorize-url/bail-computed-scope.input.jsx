import auth0 from 'auth0-js';

const SCOPES = ['openid', 'profile'].join(' ');

export function Login({ domain }) {
  const href = `https://${domain}/authorize?response_type=id_token&scope=${SCOPES}&client_id=abc`;
  return <a href={href}>Log in</a>;
}

new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('id_token') }).getUser(userId, cb);
