import request from 'superagent';

export function login(username, password) {
  return request
    .post('https://acme.auth0.com/oauth/token')
    .type('form')
    .send({
      grant_type: 'password',
      username,
      password,
      audience: 'https://acme.auth0.com/api/v2/',
      scope: 'openid profile read:current_user'
    })
    .then((res) => res.body);
}
