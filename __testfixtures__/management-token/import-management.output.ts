import { WebAuth, Management } from 'auth0-js';

const webAuth = new WebAuth({ domain: 'acme.auth0.com', clientID: 'abc' });

export function withManagement(use: (management: Management, userId: string) => void): void {
  webAuth.checkSession({ scope: 'openid read:current_user' }, (err, result) => {
    if (err || !result) return;
    const { idToken } = result;
    use(new Management({ domain: 'acme.auth0.com', token: result.accessToken as string }), result.idTokenPayload.sub);
  });
}
