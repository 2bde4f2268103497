import auth0 from 'auth0-js';

const domain = 'acme.auth0.com';

export function Login({ username, password }) {
  const login = async () => {
    const params = new URLSearchParams();
    params.append('grant_type', 'password');
    params.append('username', username);
    params.append('password', password);
    params.append('audience', `https://${domain}/api/v2/`);
    params.append('scope', 'openid profile email read:current_user');
    params.append('client_id', 'abc123');
    const res = await fetch(`https://${domain}/oauth/token`, { method: 'POST', body: params });
    const { id_token } = await res.json();
    new auth0.Management({ domain, token: id_token }).getUser('me', () => {});
  };
  return <button onClick={login}>Log in</button>;
}
