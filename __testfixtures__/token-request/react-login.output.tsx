import React, { useState } from 'react';

const AUTH0_DOMAIN = 'acme.auth0.com';

export function LoginForm({ onToken }: { onToken: (token: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const response = await fetch(`https://${AUTH0_DOMAIN}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        username,
        password,
        audience: `https://${AUTH0_DOMAIN}/api/v2/`,
        scope: 'openid profile read:current_user update:current_user_metadata',
        client_id: 'abc123',
        client_secret: 'a-very-secret-value',
      }),
    });
    const tokens = await response.json();
    onToken(tokens.id_token);
  }

  return (
    <form onSubmit={submit}>
      <input value={username} onChange={(e) => setUsername(e.target.value)} />
      <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
    </form>
  );
}
