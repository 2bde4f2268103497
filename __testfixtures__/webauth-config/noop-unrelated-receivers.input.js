// Objects that only look like auth0.js or Lock options: their receivers hold no WebAuth or Lock.
var github = new OAuthClient({ clientId: 'gh123' });
github.authorize({ scope: 'repo', responseType: 'id_token' });
session.renewAuth({ scope: 'openid' });
modal.show({ auth: { params: { scope: 'openid' } } });

function profile(idToken, userId) {
  var auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: idToken });
  auth0Manage.getUser(userId, function () {});
}
