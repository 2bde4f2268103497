import type { Auth0DecodedHash } from 'auth0-js';
import type { TokenSet } from './session';

const DOMAIN = 'acme.auth0.com';

export async function saveMetadata(authResult: Auth0DecodedHash, metadata: Record<string, unknown>): Promise<void> {
  const userId = authResult.idTokenPayload.sub as string;
  const response = await fetch(`https://${DOMAIN}/api/v2/users/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${authResult.accessToken}`,
    },
    body: JSON.stringify({ user_metadata: metadata }),
  });
  if (!response.ok) throw new Error(`Management API: ${response.status}`);
}

export async function enrollments(session: TokenSet): Promise<unknown> {
  const { id_token } = session;
  const response = await fetch(`https://${DOMAIN}/api/v2/users/${session.sub}/enrollments`, {
    headers: { authorization: `Bearer ${session.access_token}` },
  });
  return response.json();
}
