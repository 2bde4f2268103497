import axios from 'axios';

export function login(username, password) {
  return axios({
    method: 'post',
    url: 'https://acme.auth0.com/oauth/token',
    headers: { 'content-type': 'application/json' },
    data: { grant_type: 'password', username: username, password: password, client_id: 'abc123' }
  });
}
