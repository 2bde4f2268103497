import qs from 'qs';
import auth0 from 'auth0-js';

const AUTH0_DOMAIN = 'acme.auth0.com';

export function loginUrl(state) {
  const params = {
    response_type: 'id_token',
    client_id: 'abc123',
    redirect_uri: 'https://app.example.com/callback',
    state,
    nonce: state,
  };
  return 'https://' + AUTH0_DOMAIN + '/authorize?' + qs.stringify(params);
}

export function getProfile(token, userId, cb) {
  const mgmt = new auth0.Management({ domain: AUTH0_DOMAIN, token });
  mgmt.getUser(userId, cb);
}
