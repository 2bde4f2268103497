import request from 'superagent';

export function login(username, password) {
  return request
    .post('https://acme.auth0.com/oauth/token')
    .type('form')
    .send({ grant_type: 'password', username, password, scope: 'openid profile' })
    .then((res) => res.body);
}
