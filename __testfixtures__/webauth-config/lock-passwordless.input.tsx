import axios from 'axios';
import { Auth0LockPasswordless } from 'auth0-lock';

const lock = new Auth0LockPasswordless(CLIENT_ID, 'acme.us.auth0.com', { passwordlessMethod: 'code', auth: { redirect: false, params: { scope: 'openid email' } } });

export function Devices({ token }: { token: string }) {
  const remove = (id: string) =>
    axios.delete(`https://acme.us.auth0.com/api/v2/device-credentials/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  return <button onClick={() => lock.show()}>Sign in</button>;
}
