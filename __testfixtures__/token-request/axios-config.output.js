import axios from 'axios';

export function login(username, password) {
  return axios({
    method: 'post',
    url: 'https://acme.auth0.com/oauth/token',
    headers: { 'content-type': 'application/json' },
    data: {
      grant_type: 'password',
      username: username,
      password: password,
      audience: 'https://acme.auth0.com/api/v2/',
      scope: 'openid profile email read:current_user',
      client_id: 'abc123'
    }
  });
}
