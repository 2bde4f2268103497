import axios from 'axios';
import { Auth0LockPasswordless } from 'auth0-lock';

const lock = new Auth0LockPasswordless(CLIENT_ID, 'acme.us.auth0.com', {
  passwordlessMethod: 'code',
  auth: {
    redirect: false,
    audience: 'https://acme.us.auth0.com/api/v2/',
    params: { scope: 'openid email delete:current_user_device_credentials' }
  }
});

export function Devices({ token }: { token: string }) {
  const remove = (id: string) =>
    axios.delete(`https://acme.us.auth0.com/api/v2/device-credentials/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  return <button onClick={() => lock.show()}>Sign in</button>;
}
