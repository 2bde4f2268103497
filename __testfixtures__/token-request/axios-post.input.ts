import axios from 'axios';
import { ManagementClient } from 'auth0';

const domain = process.env.AUTH0_DOMAIN as string;

export async function tokenFor(username: string, password: string): Promise<string> {
  const { data } = await axios.post(`https://${domain}/oauth/token`, {
    grant_type: 'password',
    username,
    password,
    scope: 'openid email',
    client_id: process.env.AUTH0_CLIENT_ID,
    client_secret: process.env.AUTH0_CLIENT_SECRET,
  });
  const management = new ManagementClient({ domain, token: data.id_token });
  await management.getUser({ id: 'auth0|1' });
  return data.access_token;
}
