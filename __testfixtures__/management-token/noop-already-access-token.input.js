var webAuth = new auth0.WebAuth({
  domain: 'acme.auth0.com',
  clientID: 'abc',
  audience: 'https://acme.auth0.com/api/v2/',
  responseType: 'token id_token',
  scope: 'openid read:current_user'
});

webAuth.parseHash(function (err, authResult) {
  localStorage.setItem('id_token', authResult.idToken);
  localStorage.setItem('access_token', authResult.accessToken);
  var idToken = authResult.accessToken; // misnamed, but it holds the access token
  new auth0.Management({ domain: 'acme.auth0.com', token: idToken }).getUser(authResult.idTokenPayload.sub, render);
});

function patch(userId, metadata) {
  return fetch('https://acme.auth0.com/api/v2/users/' + userId, {
    method: 'PATCH',
    headers: { Authorization: 'Bearer ' + localStorage.getItem('access_token') },
    body: JSON.stringify({ user_metadata: metadata })
  });
}

var mgmt = new auth0.Management({ domain: 'acme.auth0.com', token: '{yourMgmtApiAccessToken}' });
