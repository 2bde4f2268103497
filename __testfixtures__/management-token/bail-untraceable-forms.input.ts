import * as auth0 from 'auth0-js';
import { getToken } from './session';

const stored = JSON.parse(localStorage.getItem('auth') ?? '{}');
const storedIdToken = stored.idToken;

export class ProfileLoader {
  constructor(private readonly props: { idToken: string }) {}

  literal(): auth0.Management {
    return new auth0.Management({ domain: 'acme.auth0.com', token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' });
  }

  fromCall(): auth0.Management {
    const accessToken = getToken();
    return new auth0.Management({ domain: 'acme.auth0.com', token: accessToken });
  }

  fromProps(): auth0.Management {
    return new auth0.Management({ domain: 'acme.auth0.com', token: this.props.idToken });
  }

  reassigned(fallback: string): auth0.Management {
    let token = localStorage.getItem('id_token');
    if (!token) token = fallback;
    return new auth0.Management({ domain: 'acme.auth0.com', token });
  }

  unknownKey(): auth0.Management {
    return new auth0.Management({ domain: 'acme.auth0.com', token: localStorage.getItem('jwt') as string });
  }

  shadowed(stored: { idToken: string }): auth0.Management {
    // `stored` here is the parameter, not the module's `stored` that storedIdToken was read from.
    return new auth0.Management({ domain: 'acme.auth0.com', token: storedIdToken });
  }

  spread(options: auth0.ManagementOptions): auth0.Management {
    return new auth0.Management({ ...options });
  }
}
