import axios from 'axios';

export async function exchange(code: string): Promise<string> {
  const { data } = await axios.post<{ access_token: string }>('https://acme.auth0.com/oauth/token', {
    grant_type: 'authorization_code',
    client_id: 'abc123',
    code,
    redirect_uri: 'https://app.example.com/callback',
  });
  return data.access_token;
}

export function profile(userId: string, token: string): Promise<unknown> {
  return axios.get(`https://acme.auth0.com/api/v2/users/${userId}`, { headers: { Authorization: `Bearer ${token}` } });
}
