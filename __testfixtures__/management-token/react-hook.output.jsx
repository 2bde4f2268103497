import React, { useEffect, useState } from 'react';
import { WebAuth, Management } from 'auth0-js';

const webAuth = new WebAuth({ domain: 'acme.auth0.com', clientID: 'abc', responseType: 'id_token' });

export function Profile({ domain }) {
  const [user, setUser] = useState(null);

  useEffect(() => {
    webAuth.checkSession({}, (err, authResult) => {
      if (err) return;
      const auth0Manage = new Management({ domain, token: authResult.accessToken });
      auth0Manage.getUser(authResult.idTokenPayload.sub, (e, u) => setUser(u));
    });
  }, [domain]);

  return <pre className="profile">{JSON.stringify(user, null, 2)}</pre>;
}
