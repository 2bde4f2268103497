interface PasswordGrantBody {
  grant_type: 'password';
  username: string;
  password: string;
  audience?: string;
  scope?: string;
  client_id: string;
}

const AUTH0_DOMAIN = 'acme.auth0.com';

export async function login(username: string, password: string): Promise<{ id_token: string }> {
  const body: PasswordGrantBody = {
    grant_type: 'password',
    username,
    password,
    audience: `https://${AUTH0_DOMAIN}/api/v2/`,
    scope: 'openid profile email read:current_user',
    client_id: 'abc123',
  };
  const response = await fetch(`https://${AUTH0_DOMAIN}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { id_token: string };
}
